package org.knime.core.node.port;

import java.lang.reflect.Method;
import java.util.Objects;

/**
 * The type of a node port: a port object class (and its spec class, the return type of its
 * {@code getSpec()}), whether the port is optional, a name and a color. Obtained from {@link
 * PortTypeRegistry}.
 */
public final class PortType {

  /** The color of ports whose type names none: opaque grey (ARGB). */
  public static final int DEFAULT_COLOR = 0xff9b9b9b;

  private final Class<? extends PortObject> objectClass;
  private final Class<? extends PortObjectSpec> specClass;
  private final boolean optional;
  private final String name;
  private final int color;
  private final boolean hidden;

  PortType(final Class<? extends PortObject> objectClass, final boolean isOptional,
      final String name, final int color, final boolean isHidden) {
    this.objectClass = Objects.requireNonNull(objectClass, "port object class");
    this.specClass = specClassOf(objectClass);
    this.optional = isOptional;
    this.name = name != null ? name : objectClass.getSimpleName();
    this.color = color;
    this.hidden = isHidden;
  }

  @SuppressWarnings("unchecked")
  private static Class<? extends PortObjectSpec> specClassOf(Class<? extends PortObject> c) {
    try {
      Method m = c.getMethod("getSpec");
      return (Class<? extends PortObjectSpec>) m.getReturnType();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException(c.getName() + " has no getSpec() method", e);
    }
  }

  /** @return the name shown to users */
  public String getName() {
    return name;
  }

  /** @return the ARGB color */
  public int getColor() {
    return color;
  }

  /** @return the spec class */
  public Class<? extends PortObjectSpec> getPortObjectSpecClass() {
    return specClass;
  }

  /** @return the port object class */
  public Class<? extends PortObject> getPortObjectClass() {
    return objectClass;
  }

  /** @return whether the port may stay unconnected */
  public boolean isOptional() {
    return optional;
  }

  /** @return whether the type is hidden from users */
  public boolean isHidden() {
    return hidden;
  }

  /** @return whether objects of the other type are objects of this one */
  public boolean isSuperTypeOf(final PortType subType) {
    return objectClass.isAssignableFrom(subType.objectClass);
  }

  /** @return whether the spec (null allowed) fits this type */
  public boolean acceptsPortObjectSpec(final PortObjectSpec spec) {
    return spec == null || specClass.isAssignableFrom(spec.getClass());
  }

  /** @return whether objects of the class (null allowed) fit this type */
  public boolean acceptsPortObjectClass(final Class<? extends PortObject> portObjectClass) {
    return portObjectClass == null || objectClass.isAssignableFrom(portObjectClass);
  }

  /** @return whether the object (null allowed) fits this type */
  public boolean acceptsPortObject(final PortObject obj) {
    return obj == null || objectClass.isAssignableFrom(obj.getClass());
  }

  @Override
  public String toString() {
    return "PortType(" + specClass.getSimpleName() + "," + objectClass.getSimpleName() + ")";
  }

  /** Types are equal when their port object classes are (optional or not). */
  @Override
  public boolean equals(final Object obj) {
    return obj instanceof PortType && ((PortType) obj).objectClass.equals(objectClass);
  }

  @Override
  public int hashCode() {
    return objectClass.hashCode();
  }
}

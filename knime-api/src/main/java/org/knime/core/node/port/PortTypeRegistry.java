package org.knime.core.node.port;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import org.knime.core.node.BufferedDataTable;

/**
 * The port types, one required and one optional per port object class. KNIME fills it from the
 * {@code org.knime.core.PortType} extension point; this implementation works without OSGi: the
 * generic port and the table port are known from the start, and any other class gets a type
 * named after it, in the default color, when first asked for (so that {@code TYPE} constants in
 * static initialisers work in plain unit tests).
 */
public final class PortTypeRegistry {
  private static final PortTypeRegistry INSTANCE = new PortTypeRegistry();

  private final Map<Class<? extends PortObject>, PortType> required = new HashMap<>();
  private final Map<Class<? extends PortObject>, PortType> optional = new HashMap<>();

  private PortTypeRegistry() {
    register(PortObject.class, "Generic Port", PortType.DEFAULT_COLOR);
    register(BufferedDataTable.class, "Table", 0);
  }

  private void register(Class<? extends PortObject> c, String name, int color) {
    required.put(c, new PortType(c, false, name, color, false));
    optional.put(c, new PortType(c, true, name, color, false));
  }

  /** @return the registry */
  public static PortTypeRegistry getInstance() {
    return INSTANCE;
  }

  /** @return every type known so far (required variants) */
  public synchronized Collection<PortType> availablePortTypes() {
    return new ArrayList<>(required.values());
  }

  /** @return the required port type of the class */
  public synchronized PortType getPortType(final Class<? extends PortObject> portClass) {
    return getPortType(portClass, false);
  }

  /** @return the required or optional port type of the class */
  public synchronized PortType getPortType(final Class<? extends PortObject> portClass,
      final boolean isOptional) {
    if (portClass == null) {
      throw new IllegalArgumentException("port object class must not be null");
    }
    if (!required.containsKey(portClass)) {
      register(portClass, null, PortType.DEFAULT_COLOR);
    }
    return (isOptional ? optional : required).get(portClass);
  }

  /** @return the port object class of that name among the types known so far */
  public Optional<Class<? extends PortObject>> getObjectClass(final String className) {
    synchronized (this) {
      for (Class<? extends PortObject> c : required.keySet()) {
        if (c.getName().equals(className)) {
          return Optional.of(c);
        }
      }
    }
    return Optional.empty();
  }
}

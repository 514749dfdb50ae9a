package org.invdes.knimeapi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.knime.core.data.container.DataContainer;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.defaultnodesettings.SettingsModel;
import org.knime.core.node.port.PortType;

/**
 * Lists every public and protected signature the compile-only API declares, one per line, into
 * {@code knime-api/target/knime-api-signatures.txt}, so that it can be compared with KNIME's own
 * classes ({@code tests/bench/knime-api-vs-knime-core.sh} does that against the knime-core and
 * knime-shared sources). Also checks the facts a mismatch would break silently.
 */
class ApiSignaturesTest {

  /** The compiled API classes: every class file under the main output folder. */
  static List<Class<?>> apiClasses() throws IOException, URISyntaxException,
      ClassNotFoundException {
    Path root = Path.of(NodeFactory.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI());
    List<Class<?>> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path p : files.filter(f -> f.toString().endsWith(".class")).sorted()
          .collect(Collectors.toList())) {
        String name = root.relativize(p).toString().replace('/', '.').replace('\\', '.');
        out.add(Class.forName(name.substring(0, name.length() - ".class".length()), false,
            ApiSignaturesTest.class.getClassLoader()));
      }
    }
    return out;
  }

  static String modifiers(int m) {
    return Modifier.toString(m & (Modifier.PUBLIC | Modifier.PROTECTED | Modifier.STATIC
        | Modifier.FINAL | Modifier.ABSTRACT | Modifier.SYNCHRONIZED));
  }

  static String type(Type t) {
    return t.getTypeName();
  }

  static String typeParameters(TypeVariable<?>[] vars) {
    if (vars.length == 0) {
      return "";
    }
    List<String> out = new ArrayList<>();
    for (TypeVariable<?> v : vars) {
      List<String> bounds = new ArrayList<>();
      for (Type b : v.getBounds()) {
        if (b != Object.class) {
          bounds.add(type(b));
        }
      }
      out.add(v.getName() + (bounds.isEmpty() ? "" : " extends " + String.join(" & ", bounds)));
    }
    return "<" + String.join(", ", out) + "> ";
  }

  static String params(Type[] types) {
    return Arrays.stream(types).map(ApiSignaturesTest::type).collect(Collectors.joining(", "));
  }

  static String exceptions(Type[] types) {
    return types.length == 0 ? "" : " throws " + params(types);
  }

  static boolean visible(int m) {
    return Modifier.isPublic(m) || Modifier.isProtected(m);
  }

  /** The signature lines of one class, sorted within the class. */
  static List<String> signatures(Class<?> c) {
    List<String> lines = new ArrayList<>();
    String kind = c.isInterface() ? "interface" : c.isEnum() ? "enum" : "class";
    int cm = c.getModifiers() & ~(c.isInterface() ? Modifier.ABSTRACT : 0);
    StringBuilder head = new StringBuilder(modifiers(cm)).append(' ').append(kind).append(' ')
        .append(c.getName()).append(typeParameters(c.getTypeParameters()).stripTrailing());
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && !c.isEnum()) {
      head.append(" extends ").append(type(c.getGenericSuperclass()));
    }
    if (c.getGenericInterfaces().length > 0) {
      head.append(c.isInterface() ? " extends " : " implements ")
          .append(params(c.getGenericInterfaces()));
    }
    List<String> members = new ArrayList<>();
    for (Field f : c.getDeclaredFields()) {
      if (visible(f.getModifiers()) && !f.isSynthetic()) {
        String value = "";
        if (Modifier.isStatic(f.getModifiers()) && Modifier.isFinal(f.getModifiers())
            && (f.getType().isPrimitive() || f.getType() == String.class)) {
          try {
            Object v = f.get(null);
            value = " = " + (v instanceof String ? "\"" + v + "\"" : v);
          } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
          }
        }
        members.add("  " + (f.isEnumConstant() ? "enum constant " + f.getName()
            : modifiers(f.getModifiers()) + " " + type(f.getGenericType()) + " " + f.getName()
                + value));
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (visible(k.getModifiers()) && !k.isSynthetic()) {
        members.add("  " + modifiers(k.getModifiers()) + " " + typeParameters(
            k.getTypeParameters()) + c.getSimpleName() + "(" + params(k.getGenericParameterTypes())
            + ")" + exceptions(k.getGenericExceptionTypes()));
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        int mm = m.getModifiers() & ~(c.isInterface() && !m.isDefault() && !Modifier.isStatic(
            m.getModifiers()) ? Modifier.ABSTRACT : 0);
        String deprecated = m.isAnnotationPresent(Deprecated.class)
            ? "@Deprecated(since=\"" + m.getAnnotation(Deprecated.class).since() + "\", forRemoval="
                + m.getAnnotation(Deprecated.class).forRemoval() + ") " : "";
        members.add("  " + deprecated + modifiers(mm) + " " + typeParameters(m.getTypeParameters())
            + type(m.getGenericReturnType()) + " " + m.getName() + "("
            + params(m.getGenericParameterTypes()) + ")" + exceptions(m.getGenericExceptionTypes()));
      }
    }
    members.sort(null);
    lines.add(head.toString().strip());
    lines.addAll(members);
    return lines;
  }

  @Test
  void writesTheSignatureListing() throws Exception {
    List<String> all = new ArrayList<>();
    for (Class<?> c : apiClasses()) {
      if (visible(c.getModifiers())) {
        all.addAll(signatures(c));
      }
    }
    Path target = Path.of(NodeFactory.class.getProtectionDomain().getCodeSource().getLocation()
        .toURI()).getParent().resolve("knime-api-signatures.txt");
    Files.write(target, all, StandardCharsets.UTF_8);
    // every declared type is in KNIME's packages: nothing of ours leaks into the API jar
    for (Class<?> c : apiClasses()) {
      assertTrue(c.getName().startsWith("org.knime.core."), c.getName());
    }
    assertTrue(all.contains("public abstract class org.knime.core.node.NodeFactory<T extends"
        + " org.knime.core.node.NodeModel>"), "NodeFactory's bound must be NodeModel");
  }

  /** Compile-time constants are inlined into our bytecode, so their values must be KNIME's. */
  @Test
  void constantsHaveKnimesValues() {
    // values as declared in knime-core (DataContainer, PortType, SettingsModel), read at 1b5880a
    assertEquals(-1, DataContainer.NOT_IN_WORKFLOW_BUFFER);
    assertEquals(0xff9b9b9b, PortType.DEFAULT_COLOR);
    assertEquals("_Internals", SettingsModel.CFGKEY_INTERNAL);
  }

  /** Enum constants are compiled into switch tables by ordinal, so the order must be KNIME's. */
  @Test
  void nodeTypeConstantsAreInKnimesOrder() {
    // the declaration order of NodeFactory.NodeType in knime-core at 1b5880a
    assertEquals(List.of("Source", "Sink", "Learner", "Predictor", "Manipulator", "Visualizer",
        "Widget", "Meta", "LoopStart", "LoopEnd", "ScopeStart", "ScopeEnd", "QuickForm",
        "Configuration", "Other", "Missing", "Unknown", "Subnode", "VirtualIn", "VirtualOut",
        "Container"), Arrays.stream(NodeFactory.NodeType.values()).map(Enum::name)
            .collect(Collectors.toList()));
  }
}

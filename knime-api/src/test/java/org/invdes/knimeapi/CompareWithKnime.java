package org.invdes.knimeapi;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LiteralTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeParameterTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.JavacTask;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compares the compile-only API with KNIME's own source, declaration by declaration (not a test;
 * run by {@code tests/bench/knime-api-vs-knime-core.sh}). For every public or protected class
 * and member of knime-api it finds KNIME's declaration (parsing the knime-core and knime-shared
 * sources with javac's tree API, no compilation) and checks:
 *
 * <ol>
 *   <li>the class exists, is of the same kind (class, interface, enum), has the same modifiers
 *       and type parameters (bounds compared by simple names), the same superclass (or Object,
 *       a dropped supertype) and a subset of its interfaces;
 *   <li>every member exists in the class or, reported as inherited, in one of its KNIME
 *       supertypes, with the same parameter types (simple names, generics erased), return type
 *       (with generics), modifiers (public, protected, static, final, abstract, counting the
 *       implicit ones of interface members), thrown exceptions and type parameters;
 *   <li>compile-time constants have the same value; enum constants are in the same order.
 * </ol>
 *
 * Prints one line per finding and a summary; exits with status 1 when anything differs.
 *
 * <p>Usage: {@code CompareWithKnime KNIME_CORE_DIR KNIME_SHARED_DIR} (checkouts of
 * knime/knime-core and knime/knime-shared); the knime-api classes must be on the class path.
 */
public final class CompareWithKnime {
  private static final Pattern QUALIFIER = Pattern.compile("\\b(?:[A-Za-z_]\\w*[.$])+(\\w+)");
  private static final Set<Modifier> COMPARED = EnumSet.of(Modifier.PUBLIC, Modifier.PROTECTED,
      Modifier.STATIC, Modifier.FINAL, Modifier.ABSTRACT);

  private final List<Path> sourceRoots;
  private final Map<String, ClassTree> parsed = new HashMap<>();
  private final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
  private int errors;
  private int notes;

  private CompareWithKnime(List<Path> sourceRoots) {
    this.sourceRoots = sourceRoots;
  }

  public static void main(String[] args) throws Exception {
    if (args.length != 2) {
      System.err.println("usage: CompareWithKnime KNIME_CORE_DIR KNIME_SHARED_DIR");
      System.exit(2);
    }
    CompareWithKnime c = new CompareWithKnime(List.of(
        Path.of(args[0], "org.knime.core/src/eclipse"),
        Path.of(args[1], "org.knime.core.util/src/main/java")));
    int classes = 0;
    for (Class<?> k : ApiSignaturesTest.apiClasses()) {
      if (ApiSignaturesTest.visible(k.getModifiers())) {
        c.compareClass(k);
        classes++;
      }
    }
    System.out.printf("%d classes compared: %d differences, %d notes%n", classes, c.errors,
        c.notes);
    System.exit(c.errors == 0 ? 0 : 1);
  }

  private void error(Class<?> c, String what) {
    errors++;
    System.out.println("DIFF  " + c.getName() + ": " + what);
  }

  private void note(Class<?> c, String what) {
    notes++;
    System.out.println("note  " + c.getName() + ": " + what);
  }

  // ------------------------------------------------------------------ parsing

  /** KNIME's declaration of a class (nested classes by their binary name), or null. */
  private ClassTree tree(String binaryName) throws IOException {
    if (parsed.containsKey(binaryName)) {
      return parsed.get(binaryName);
    }
    String[] parts = binaryName.split("\\$");
    Path file = null;
    for (Path root : sourceRoots) {
      Path f = root.resolve(parts[0].replace('.', '/') + ".java");
      if (Files.exists(f)) {
        file = f;
      }
    }
    ClassTree found = null;
    if (file != null) {
      try (StandardJavaFileManager fm = javac.getStandardFileManager(null, null, null)) {
        Iterable<? extends JavaFileObject> units = fm.getJavaFileObjects(file);
        JavacTask task = (JavacTask) javac.getTask(null, fm, d -> { }, List.of("-proc:none"),
            null, units);
        for (CompilationUnitTree u : task.parse()) {
          for (Tree t : u.getTypeDecls()) {
            if (t instanceof ClassTree && ((ClassTree) t).getSimpleName().contentEquals(
                simple(parts[0]))) {
              found = (ClassTree) t;
            }
          }
        }
      }
      for (int i = 1; i < parts.length && found != null; i++) {
        ClassTree inner = null;
        for (Tree m : found.getMembers()) {
          if (m instanceof ClassTree && ((ClassTree) m).getSimpleName().contentEquals(parts[i])) {
            inner = (ClassTree) m;
          }
        }
        found = inner;
      }
    }
    parsed.put(binaryName, found);
    return found;
  }

  private static String simple(String name) {
    return name.substring(name.lastIndexOf('.') + 1);
  }

  /** Qualified names reduced to simple names, whitespace removed, varargs as arrays. */
  static String norm(String type) {
    String s = type.replace("...", "[]").replaceAll("@\\w+(\\([^)]*\\))?\\s*", "");
    return QUALIFIER.matcher(s).replaceAll("$1").replaceAll("\\s+", "");
  }

  /** The same with type arguments removed. */
  static String erased(String type) {
    String s = norm(type);
    String prev;
    do {
      prev = s;
      s = s.replaceAll("<[^<>]*>", "");
    } while (!s.equals(prev));
    return s;
  }

  private static boolean isInterface(ClassTree t) {
    return t.getKind() == Tree.Kind.INTERFACE || t.getKind() == Tree.Kind.ANNOTATION_TYPE;
  }

  /** Explicit modifiers plus those implied by an enclosing interface. */
  private static Set<Modifier> effective(ModifiersTree m, ClassTree owner, Tree member) {
    Set<Modifier> out = EnumSet.noneOf(Modifier.class);
    out.addAll(m.getFlags());
    if (isInterface(owner)) {
      out.add(Modifier.PUBLIC);
      if (member instanceof VariableTree) {
        out.add(Modifier.STATIC);
        out.add(Modifier.FINAL);
      } else if (member instanceof ClassTree) {
        out.add(Modifier.STATIC);
      } else if (member instanceof MethodTree && !out.contains(Modifier.DEFAULT)
          && !out.contains(Modifier.STATIC) && !out.contains(Modifier.PRIVATE)) {
        out.add(Modifier.ABSTRACT);
      }
    }
    if (member instanceof ClassTree && isInterface((ClassTree) member)) {
      out.add(Modifier.ABSTRACT);
    }
    if (member instanceof ClassTree && ((ClassTree) member).getKind() == Tree.Kind.ENUM) {
      out.add(Modifier.STATIC);
      out.add(Modifier.FINAL);
    }
    out.retainAll(COMPARED);
    return out;
  }

  private static Set<Modifier> mine(int modifiers, boolean inInterface) {
    Set<Modifier> out = EnumSet.noneOf(Modifier.class);
    if (java.lang.reflect.Modifier.isPublic(modifiers)) {
      out.add(Modifier.PUBLIC);
    }
    if (java.lang.reflect.Modifier.isProtected(modifiers)) {
      out.add(Modifier.PROTECTED);
    }
    if (java.lang.reflect.Modifier.isStatic(modifiers)) {
      out.add(Modifier.STATIC);
    }
    if (java.lang.reflect.Modifier.isFinal(modifiers)) {
      out.add(Modifier.FINAL);
    }
    if (java.lang.reflect.Modifier.isAbstract(modifiers)) {
      out.add(Modifier.ABSTRACT);
    }
    return out;
  }

  // ------------------------------------------------------------------ classes

  private void compareClass(Class<?> c) throws IOException {
    ClassTree t = tree(c.getName());
    if (t == null) {
      error(c, "KNIME has no such class");
      return;
    }
    String kind = c.isInterface() ? "interface" : c.isEnum() ? "enum" : "class";
    String theirKind = isInterface(t) ? "interface" : t.getKind() == Tree.Kind.ENUM ? "enum"
        : "class";
    if (!kind.equals(theirKind)) {
      error(c, "is a " + kind + ", KNIME's a " + theirKind);
    }
    Set<Modifier> ours = mine(c.getModifiers(), false);
    Set<Modifier> theirs = EnumSet.noneOf(Modifier.class);
    theirs.addAll(t.getModifiers().getFlags());
    if (c.isInterface()) {
      theirs.add(Modifier.ABSTRACT);
    }
    if (c.isMemberClass()) {
      ClassTree owner = tree(c.getDeclaringClass().getName());
      if (owner != null) {
        theirs = effective(t.getModifiers(), owner, t);
      }
    }
    if (c.isEnum()) {
      ours.remove(Modifier.FINAL);
      theirs.remove(Modifier.FINAL);
    }
    theirs.retainAll(COMPARED);
    if (!ours.equals(theirs)) {
      error(c, "class modifiers " + ours + ", KNIME's " + theirs);
    }
    String ourParams = typeParams(c.getTypeParameters());
    String theirParams = t.getTypeParameters().stream().map(p -> norm(p.toString()))
        .collect(Collectors.joining(","));
    if (!ourParams.equals(theirParams)) {
      error(c, "type parameters <" + ourParams + ">, KNIME's <" + theirParams + ">");
    }
    if (!c.isInterface() && !c.isEnum()) {
      String ourSuper = c.getSuperclass() == Object.class ? null
          : norm(c.getGenericSuperclass().getTypeName());
      String theirSuper = t.getExtendsClause() == null ? null : norm(t.getExtendsClause()
          .toString());
      if (ourSuper == null && theirSuper != null) {
        note(c, "leaves out the superclass " + theirSuper);
      } else if (ourSuper != null && !ourSuper.equals(theirSuper)) {
        error(c, "extends " + ourSuper + ", KNIME's class extends " + theirSuper);
      }
    }
    Set<String> theirInterfaces = new TreeSet<>();
    for (Tree i : t.getImplementsClause()) {
      theirInterfaces.add(norm(i.toString()));
    }
    if (isInterface(t) && t.getExtendsClause() != null) {
      theirInterfaces.add(norm(t.getExtendsClause().toString()));
    }
    Set<String> ourInterfaces = new TreeSet<>();
    for (Type i : c.getGenericInterfaces()) {
      ourInterfaces.add(norm(i.getTypeName()));
    }
    for (String i : ourInterfaces) {
      if (!theirInterfaces.contains(i)) {
        error(c, "implements " + i + ", which KNIME's does not (it has " + theirInterfaces + ")");
      }
    }
    for (String i : theirInterfaces) {
      if (!ourInterfaces.contains(i)) {
        note(c, "leaves out the supertype " + i);
      }
    }
    if (c.isEnum()) {
      compareEnumConstants(c, t);
    }
    for (Field f : c.getDeclaredFields()) {
      if (ApiSignaturesTest.visible(f.getModifiers()) && !f.isSynthetic() && !f.isEnumConstant()) {
        compareField(c, t, f);
      }
    }
    for (Constructor<?> k : c.getDeclaredConstructors()) {
      if (ApiSignaturesTest.visible(k.getModifiers()) && !k.isSynthetic()) {
        compareExecutable(c, t, k, "<init>");
      }
    }
    for (Method m : c.getDeclaredMethods()) {
      if (ApiSignaturesTest.visible(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
        compareExecutable(c, t, m, m.getName());
      }
    }
  }

  private static String typeParams(TypeVariable<?>[] vars) {
    List<String> out = new ArrayList<>();
    for (TypeVariable<?> v : vars) {
      List<String> bounds = new ArrayList<>();
      for (Type b : v.getBounds()) {
        if (b != Object.class) {
          bounds.add(norm(b.getTypeName()));
        }
      }
      out.add(v.getName() + (bounds.isEmpty() ? "" : "extends" + String.join("&", bounds)));
    }
    return String.join(",", out);
  }

  private void compareEnumConstants(Class<?> c, ClassTree t) {
    List<String> ours = new ArrayList<>();
    for (Object e : c.getEnumConstants()) {
      ours.add(((Enum<?>) e).name());
    }
    List<String> theirs = new ArrayList<>();
    for (Tree m : t.getMembers()) {
      if (m instanceof VariableTree && m.getKind() == Tree.Kind.VARIABLE
          && ((VariableTree) m).getInitializer() != null
          && ((VariableTree) m).getInitializer().getKind() == Tree.Kind.NEW_CLASS
          && norm(((VariableTree) m).getType().toString()).equals(c.getSimpleName())) {
        theirs.add(((VariableTree) m).getName().toString());
      }
    }
    if (!ours.equals(theirs)) {
      error(c, "enum constants " + ours + ", KNIME's " + theirs);
    }
  }

  // ------------------------------------------------------------------ members

  private void compareField(Class<?> c, ClassTree t, Field f) throws IOException {
    VariableTree v = null;
    for (Tree m : t.getMembers()) {
      if (m instanceof VariableTree && ((VariableTree) m).getName().contentEquals(f.getName())) {
        v = (VariableTree) m;
      }
    }
    if (v == null) {
      error(c, "field " + f.getName() + ": KNIME has no such field");
      return;
    }
    Set<Modifier> theirs = effective(v.getModifiers(), t, v);
    Set<Modifier> ours = mine(f.getModifiers(), c.isInterface());
    if (!ours.equals(theirs)) {
      error(c, "field " + f.getName() + " modifiers " + ours + ", KNIME's " + theirs);
    }
    if (!norm(f.getGenericType().getTypeName()).equals(norm(v.getType().toString()))) {
      error(c, "field " + f.getName() + " of type " + norm(f.getGenericType().getTypeName())
          + ", KNIME's " + norm(v.getType().toString()));
    }
    if (ours.contains(Modifier.STATIC) && ours.contains(Modifier.FINAL)
        && (f.getType().isPrimitive() || f.getType() == String.class)) {
      Object value;
      try {
        value = f.get(null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
      Object theirValue = literal(v.getInitializer(), f.getType());
      if (theirValue == null) {
        note(c, "constant " + f.getName() + " = " + value + ": KNIME's initialiser "
            + v.getInitializer() + " is not a literal, not compared");
      } else if (!theirValue.equals(value)) {
        error(c, "constant " + f.getName() + " = " + value + ", KNIME's " + theirValue);
      }
    }
  }

  private static Object literal(Tree init, Class<?> type) {
    if (init == null) {
      return null;
    }
    boolean negative = false;
    if (init.getKind() == Tree.Kind.UNARY_MINUS) {
      negative = true;
      init = ((UnaryTree) init).getExpression();
    }
    if (!(init instanceof LiteralTree)) {
      return null;
    }
    Object v = ((LiteralTree) init).getValue();
    if (negative && v instanceof Integer) {
      return -(Integer) v;
    }
    if (negative && v instanceof Long) {
      return -(Long) v;
    }
    if (negative && v instanceof Double) {
      return -(Double) v;
    }
    return v;
  }

  private void compareExecutable(Class<?> c, ClassTree t, Executable e, String name)
      throws IOException {
    List<String> ourParams = new ArrayList<>();
    for (Type p : e.getGenericParameterTypes()) {
      ourParams.add(erased(p.getTypeName()));
    }
    String label = (name.equals("<init>") ? c.getSimpleName() : name) + "(" + String.join(", ",
        ourParams) + ")";
    if (name.equals("<init>") && ourParams.isEmpty() && !hasConstructor(t)) {
      // the implicit default constructor, with the class's access
      Set<Modifier> access = mine(c.getModifiers(), false);
      access.retainAll(EnumSet.of(Modifier.PUBLIC, Modifier.PROTECTED));
      Set<Modifier> ours = mine(e.getModifiers(), false);
      if (!ours.equals(access)) {
        error(c, label + " modifiers " + ours + ", KNIME's implicit constructor " + access);
      }
      return;
    }
    if (c.isEnum() && (name.equals("values") && ourParams.isEmpty()
        || name.equals("valueOf") && ourParams.equals(List.of("String")))) {
      return; // implicit in every enum
    }
    MethodTree found = findMethod(t, name, ourParams);
    String where = null;
    if (found == null && !name.equals("<init>")) {
      for (String s : supertypes(c.getName(), t, new LinkedHashSet<>())) {
        ClassTree st = tree(s);
        if (st != null && findMethod(st, name, ourParams) != null) {
          where = s;
          found = findMethod(st, name, ourParams);
          t = st;
          break;
        }
      }
    }
    if (found == null && OBJECT_METHODS.contains(label)) {
      note(c, label + " overrides Object's, which KNIME's class inherits");
      return;
    }
    if (found == null) {
      error(c, label + ": KNIME has no such " + (name.equals("<init>") ? "constructor"
          : "method"));
      return;
    }
    if (where != null) {
      note(c, label + " is inherited in KNIME, declared in " + where);
    }
    Set<Modifier> theirs = effective(found.getModifiers(), t, found);
    Set<Modifier> ours = mine(e.getModifiers(), c.isInterface());
    if (c.isInterface() && !ours.contains(Modifier.STATIC)
        && !(e instanceof Method && ((Method) e).isDefault())) {
      ours.add(Modifier.ABSTRACT);
    }
    if (!ours.equals(theirs)) {
      error(c, label + " modifiers " + ours + ", KNIME's " + theirs);
    }
    if (e instanceof Method) {
      String ourReturn = norm(((Method) e).getGenericReturnType().getTypeName());
      String theirReturn = norm(found.getReturnType().toString());
      if (!ourReturn.equals(theirReturn)) {
        error(c, label + " returns " + ourReturn + ", KNIME's " + theirReturn);
      }
    }
    Set<String> ourThrows = new TreeSet<>();
    for (Type x : e.getGenericExceptionTypes()) {
      ourThrows.add(norm(x.getTypeName()));
    }
    Set<String> theirThrows = new TreeSet<>();
    for (Tree x : found.getThrows()) {
      theirThrows.add(norm(x.toString()));
    }
    if (!ourThrows.equals(theirThrows)) {
      error(c, label + " throws " + ourThrows + ", KNIME's " + theirThrows);
    }
    String ourTypeParams = typeParams(e.getTypeParameters());
    String theirTypeParams = found.getTypeParameters().stream()
        .map(TypeParameterTree::toString).map(CompareWithKnime::norm)
        .collect(Collectors.joining(","));
    if (!ourTypeParams.equals(theirTypeParams)) {
      error(c, label + " type parameters <" + ourTypeParams + ">, KNIME's <" + theirTypeParams
          + ">");
    }
    boolean ourDeprecated = e.isAnnotationPresent(Deprecated.class);
    boolean theirDeprecated = found.getModifiers().getAnnotations().stream()
        .anyMatch(a -> a.getAnnotationType().toString().endsWith("Deprecated"));
    if (ourDeprecated != theirDeprecated) {
      note(c, label + (ourDeprecated ? " is" : " is not") + " deprecated here, KNIME's"
          + (theirDeprecated ? " is" : " is not"));
    }
  }

  private static final Set<String> OBJECT_METHODS =
      Set.of("toString()", "hashCode()", "equals(Object)");

  private static boolean hasConstructor(ClassTree t) {
    for (Tree m : t.getMembers()) {
      if (m instanceof MethodTree && ((MethodTree) m).getName().contentEquals("<init>")) {
        return true;
      }
    }
    return false;
  }

  private static MethodTree findMethod(ClassTree t, String name, List<String> params) {
    for (Tree m : t.getMembers()) {
      if (m instanceof MethodTree && ((MethodTree) m).getName().contentEquals(name)) {
        List<String> theirs = new ArrayList<>();
        for (VariableTree p : ((MethodTree) m).getParameters()) {
          theirs.add(erased(p.getType().toString()));
        }
        if (theirs.equals(params)) {
          return (MethodTree) m;
        }
      }
    }
    return null;
  }

  /** KNIME's supertypes of a class, resolved by simple name within the knime sources. */
  private List<String> supertypes(String binaryName, ClassTree t, Set<String> seen)
      throws IOException {
    List<String> out = new ArrayList<>();
    List<Tree> direct = new ArrayList<>(t.getImplementsClause());
    if (t.getExtendsClause() != null) {
      direct.add(0, t.getExtendsClause());
    }
    for (Tree d : direct) {
      String simpleName = erased(d.toString());
      String resolved = resolve(binaryName, simpleName);
      if (resolved != null && seen.add(resolved)) {
        out.add(resolved);
        ClassTree st = tree(resolved);
        if (st != null) {
          out.addAll(supertypes(resolved, st, seen));
        }
      }
    }
    return out;
  }

  /** Finds a simple type name in the sources: same package, or any package of the API. */
  private String resolve(String from, String simpleName) throws IOException {
    String pkg = from.substring(0, from.lastIndexOf('.'));
    List<String> candidates = new ArrayList<>();
    candidates.add(pkg + "." + simpleName);
    for (String p : List.of("org.knime.core.node", "org.knime.core.node.config",
        "org.knime.core.node.config.base", "org.knime.core.data", "org.knime.core.node.port",
        "org.knime.core.node.defaultnodesettings", "org.knime.core.data.container")) {
      candidates.add(p + "." + simpleName);
    }
    if (from.contains("$")) {
      candidates.add(0, from.substring(0, from.indexOf('$')) + "$" + simpleName);
    }
    for (String cand : candidates) {
      if (tree(cand) != null) {
        return cand;
      }
    }
    return null;
  }
}

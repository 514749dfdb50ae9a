package org.invdes.core.io.cif;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * A CIF data block ({@code data_name}) or save frame ({@code save_name}): data items, loops and,
 * for data blocks, save frames.
 *
 * <p>Data names (tags) are compared ignoring case. {@link #value(String)} answers for single items
 * and for looped tags alike (giving the first row), so code that reads one value need not care
 * how the file wrote it.
 *
 * <p>Equality is exact on name, kind, items, loops and save frames; line numbers are not part of
 * it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifBlock {

    /** Where a block came from. */
    public enum Kind {
        /** A data block, {@code data_name}. */
        DATA,
        /** A save frame, {@code save_name ... save_}, inside a data block. */
        SAVE_FRAME,
        /**
         * A STAR {@code global_} block, which CIF does not allow; kept in relaxed mode only. Its
         * name is empty.
         */
        GLOBAL,
        /**
         * Data items found before any block header, kept in relaxed mode only. Its name is empty.
         */
        HEADERLESS
    }

    /** Where one data name is defined: as a single item, or as a column of a loop. */
    private record Entry(CifValue value, CifLoop loop, int column, int line) {
    }

    private final String name;
    private final Kind kind;
    private final int line;
    private final List<String> tags;
    /** Folded tag → its (last) definition. */
    private final Map<String, Entry> index;
    private final List<CifLoop> loops;
    private final List<CifBlock> saveFrames;

    /** Takes over the builder's collections; the builder copies them before any further change. */
    private CifBlock(Builder b) {
        this.name = b.name;
        this.kind = b.kind;
        this.line = b.line;
        this.tags = Collections.unmodifiableList(b.tags);
        this.index = b.index;
        this.loops = Collections.unmodifiableList(b.loops);
        this.saveFrames = Collections.unmodifiableList(b.saveFrames);
    }

    /**
     * Starts building a data block.
     *
     * @param name the block code, as after {@code data_}: not empty, no whitespace
     * @return a builder
     * @throws IllegalArgumentException if the name is empty or contains whitespace
     */
    public static Builder builder(String name) {
        return new Builder(checkName(name), Kind.DATA, 0);
    }

    /**
     * Starts building a save frame.
     *
     * @param name the frame code, as after {@code save_}: not empty, no whitespace
     * @return a builder
     * @throws IllegalArgumentException if the name is empty or contains whitespace
     */
    public static Builder saveFrameBuilder(String name) {
        return new Builder(checkName(name), Kind.SAVE_FRAME, 0);
    }

    private static String checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("a CIF block or frame name cannot be empty");
        }
        for (int i = 0; i < name.length(); i++) {
            if (CifChars.isWhitespace(name.charAt(i))) {
                throw new IllegalArgumentException("a CIF block or frame name cannot contain whitespace: '"
                        + name + "'");
            }
        }
        return name;
    }

    /** Checks that a data name starts with '_', has more after it, and has no whitespace. */
    static void checkTag(String tag) {
        Objects.requireNonNull(tag, "tag");
        if (tag.length() < 2 || tag.charAt(0) != '_') {
            throw new IllegalArgumentException(
                    "a CIF data name starts with '_' followed by at least one character, got '" + tag + "'");
        }
        for (int i = 0; i < tag.length(); i++) {
            if (CifChars.isWhitespace(tag.charAt(i))) {
                throw new IllegalArgumentException("a CIF data name cannot contain whitespace: '" + tag + "'");
            }
        }
    }

    /** @return the block code without {@code data_} (or frame code without {@code save_}); empty for GLOBAL and HEADERLESS */
    public String name() {
        return name;
    }

    /** @return where the block came from */
    public Kind kind() {
        return kind;
    }

    /** @return 1-based line of the block header (for HEADERLESS: of its first item), or 0 if built in code */
    public int line() {
        return line;
    }

    /**
     * @return every data name defined in the block (items and loop columns, not those of save
     *     frames), each once, in order of first definition, spelled as first written (unmodifiable)
     */
    public List<String> tags() {
        return tags;
    }

    /**
     * @param tag a data name, case ignored
     * @return true if the block defines the tag, as an item or in a loop (even an empty loop)
     */
    public boolean has(String tag) {
        return index.containsKey(CifValue.fold(tag));
    }

    /**
     * Returns the value of a data name: the item's value, or for a looped tag the value in the
     * loop's first row.
     *
     * @param tag a data name, case ignored
     * @return the value, or empty if the block does not define the tag or its loop has no rows
     */
    public Optional<CifValue> value(String tag) {
        Entry e = index.get(CifValue.fold(tag));
        if (e == null) {
            return Optional.empty();
        }
        if (e.loop == null) {
            return Optional.of(e.value);
        }
        if (e.loop.rowCount() == 0) {
            return Optional.empty();
        }
        return Optional.of(e.loop.get(0, e.column));
    }

    /**
     * Shortcut for {@code value(tag)} then {@link CifValue#number()}.
     *
     * @param tag a data name, case ignored
     * @return the number (standard uncertainty dropped), or empty if absent or not a number
     */
    public OptionalDouble number(String tag) {
        Optional<CifValue> v = value(tag);
        return v.isPresent() ? v.get().number() : OptionalDouble.empty();
    }

    /**
     * @param tag a data name, case ignored
     * @return 1-based line where the tag is written (for a looped tag: in the loop header), or -1
     *     if the block does not define it; 0 for blocks built in code
     */
    public int line(String tag) {
        Entry e = index.get(CifValue.fold(tag));
        return e == null ? -1 : e.line;
    }

    /** @return the loops in source order (unmodifiable) */
    public List<CifLoop> loops() {
        return loops;
    }

    /**
     * @param tag a data name, case ignored
     * @return the loop that defines the tag, or empty if the tag is a single item or absent
     */
    public Optional<CifLoop> loopContaining(String tag) {
        Entry e = index.get(CifValue.fold(tag));
        return e == null ? Optional.empty() : Optional.ofNullable(e.loop);
    }

    /** @return the save frames of this block in source order (unmodifiable; empty for frames) */
    public List<CifBlock> saveFrames() {
        return saveFrames;
    }

    /**
     * @param frameName a save frame code, case ignored
     * @return the first save frame of that name, if any
     */
    public Optional<CifBlock> saveFrame(String frameName) {
        for (CifBlock f : saveFrames) {
            if (f.name.equalsIgnoreCase(frameName)) {
                return Optional.of(f);
            }
        }
        return Optional.empty();
    }

    private Map<String, CifValue> items() {
        Map<String, CifValue> items = new HashMap<>();
        for (Map.Entry<String, Entry> e : index.entrySet()) {
            if (e.getValue().loop == null) {
                items.put(e.getKey(), e.getValue().value);
            }
        }
        return items;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof CifBlock other
                && name.equals(other.name)
                && kind == other.kind
                && tags.equals(other.tags)
                && loops.equals(other.loops)
                && saveFrames.equals(other.saveFrames)
                && items().equals(other.items());
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, kind, tags, loops, saveFrames);
    }

    @Override
    public String toString() {
        String header = switch (kind) {
            case DATA -> "data_" + name;
            case SAVE_FRAME -> "save_" + name;
            case GLOBAL -> "global_";
            case HEADERLESS -> "(no data_ header)";
        };
        return header + " (" + tags.size() + " tags, " + loops.size() + " loops"
                + (saveFrames.isEmpty() ? "" : ", " + saveFrames.size() + " save frames") + ")";
    }

    /**
     * Collects the contents of a block. Data names must be unique within the block; the parser
     * uses package-private methods to apply its own duplicate policy. A builder can go on after
     * {@link #build()} without affecting the blocks already built.
     */
    public static final class Builder {
        private final String name;
        private final Kind kind;
        private final int line;
        private List<String> tags = new ArrayList<>();
        private Map<String, Entry> index = new HashMap<>(64);
        private List<CifLoop> loops = new ArrayList<>();
        private List<CifBlock> saveFrames = new ArrayList<>();
        /** True once a built block shares the collections; the next change copies them. */
        private boolean shared;

        Builder(String name, Kind kind, int line) {
            this.name = name;
            this.kind = kind;
            this.line = line;
        }

        /**
         * Adds a single data item.
         *
         * @param tag the data name (starts with {@code _}, no whitespace)
         * @param value the value
         * @return this builder
         * @throws IllegalArgumentException if the tag is malformed or already defined in the block
         */
        public Builder item(String tag, CifValue value) {
            checkTag(tag);
            Objects.requireNonNull(value, "value");
            String key = CifValue.fold(tag);
            requireNew(tag, key);
            setItem(tag, key, value, 0);
            return this;
        }

        /**
         * Adds a loop.
         *
         * @param loop the loop
         * @return this builder
         * @throws IllegalArgumentException if one of its tags is already defined in the block
         */
        public Builder loop(CifLoop loop) {
            Objects.requireNonNull(loop, "loop");
            for (String tag : loop.tags()) {
                requireNew(tag, CifValue.fold(tag));
            }
            addLoop(loop);
            return this;
        }

        /**
         * Adds a save frame (only to data blocks).
         *
         * @param frame a block of kind {@link Kind#SAVE_FRAME}
         * @return this builder
         * @throws IllegalArgumentException if this builder builds a save frame, the argument is
         *     not a save frame, or a frame of the same name (case ignored) was already added
         */
        public Builder saveFrame(CifBlock frame) {
            Objects.requireNonNull(frame, "frame");
            if (kind == Kind.SAVE_FRAME) {
                throw new IllegalArgumentException("save frame " + name + " cannot contain save frame "
                        + frame.name() + "; CIF save frames do not nest");
            }
            if (frame.kind() != Kind.SAVE_FRAME) {
                throw new IllegalArgumentException(frame + " is not a save frame");
            }
            if (hasSaveFrame(frame.name())) {
                throw new IllegalArgumentException("save frame " + frame.name() + " is already in block " + name);
            }
            addSaveFrame(frame);
            return this;
        }

        /**
         * @return the block
         */
        public CifBlock build() {
            shared = true;
            return new CifBlock(this);
        }

        private void requireNew(String tag, String key) {
            if (index.containsKey(key)) {
                throw new IllegalArgumentException("data name " + tag + " is already defined in block " + name);
            }
        }

        private void unshare() {
            if (shared) {
                tags = new ArrayList<>(tags);
                index = new HashMap<>(index);
                loops = new ArrayList<>(loops);
                saveFrames = new ArrayList<>(saveFrames);
                shared = false;
            }
        }

        String name() {
            return name;
        }

        Kind kind() {
            return kind;
        }

        /** @return line of the existing definition of the folded tag, or -1 if there is none */
        int definedAt(String key) {
            Entry e = index.get(key);
            return e == null ? -1 : e.line;
        }

        /** Adds an item, replacing an earlier definition of the same (folded) tag. */
        void setItem(String tag, String key, CifValue value, int tagLine) {
            unshare();
            define(tag, key, new Entry(value, null, -1, tagLine));
        }

        /** Adds a loop; each of its tags replaces an earlier definition of the same tag. */
        void addLoop(CifLoop loop) {
            unshare();
            loops.add(loop);
            List<String> loopTags = loop.tags();
            for (int c = 0; c < loopTags.size(); c++) {
                String tag = loopTags.get(c);
                String key = loop.key(c);
                // For a tag listed twice in the loop, the loop's index holds the later column.
                define(tag, key, new Entry(null, loop, loop.columnOfKey(key), loop.tagLine(c)));
            }
        }

        private void define(String tag, String key, Entry entry) {
            if (index.put(key, entry) == null) {
                tags.add(tag);
            }
        }

        boolean hasSaveFrame(String frameName) {
            for (CifBlock f : saveFrames) {
                if (f.name().equalsIgnoreCase(frameName)) {
                    return true;
                }
            }
            return false;
        }

        void addSaveFrame(CifBlock frame) {
            unshare();
            saveFrames.add(frame);
        }
    }
}

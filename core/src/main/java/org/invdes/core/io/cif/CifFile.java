package org.invdes.core.io.cif;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.invdes.core.io.Diagnostic;

/**
 * The syntactic content of one CIF: its data blocks in source order.
 *
 * <p>Equality is exact on source name, version and blocks; diagnostics are not part of it.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CifFile {

    /** The CIF syntax version a file was read as. */
    public enum Version {
        /** CIF 1.1, the default when the file does not start with the CIF 2.0 magic code. */
        CIF_1_1,
        /** CIF 2.0, announced by {@code #\#CIF_2.0} at the start of the first line. */
        CIF_2_0
    }

    private final String source;
    private final Version version;
    private final List<CifBlock> blocks;
    private final List<Diagnostic> diagnostics;

    private CifFile(String source, Version version, List<CifBlock> blocks, List<Diagnostic> diagnostics) {
        this.source = source;
        this.version = version;
        this.blocks = blocks;
        this.diagnostics = diagnostics;
    }

    /**
     * Creates a file from blocks built in code.
     *
     * @param source a name for the file (may be empty)
     * @param version the syntax version
     * @param blocks the blocks in order (copied)
     * @return the file
     */
    public static CifFile of(String source, Version version, List<CifBlock> blocks) {
        return new CifFile(Objects.requireNonNull(source, "source"), Objects.requireNonNull(version, "version"),
                List.copyOf(blocks), List.of());
    }

    static CifFile parsed(String source, Version version, List<CifBlock> blocks, List<Diagnostic> diagnostics) {
        return new CifFile(source, version, List.copyOf(blocks), List.copyOf(diagnostics));
    }

    /** @return the name of the file or stream it was read from */
    public String source() {
        return source;
    }

    /** @return the syntax version the file was read as */
    public Version version() {
        return version;
    }

    /** @return the blocks in source order (unmodifiable) */
    public List<CifBlock> blocks() {
        return blocks;
    }

    /**
     * @param name a block code (without {@code data_}), case ignored
     * @return the first data block of that name, if any
     */
    public Optional<CifBlock> block(String name) {
        for (CifBlock b : blocks) {
            if (b.kind() == CifBlock.Kind.DATA && b.name().equalsIgnoreCase(name)) {
                return Optional.of(b);
            }
        }
        return Optional.empty();
    }

    /**
     * @return the warnings the parser reported while reading this file, in order (unmodifiable;
     *     empty for files built in code)
     */
    public List<Diagnostic> diagnostics() {
        return diagnostics;
    }

    @Override
    public boolean equals(Object o) {
        if (this == o) {
            return true;
        }
        return o instanceof CifFile other && source.equals(other.source) && version == other.version
                && blocks.equals(other.blocks);
    }

    @Override
    public int hashCode() {
        return Objects.hash(source, version, blocks);
    }

    @Override
    public String toString() {
        return "CifFile " + source + " (" + version + ", " + blocks.size() + " blocks)";
    }
}

package org.invdes.core.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import ai.djl.nn.Block;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.BiFunction;
import org.invdes.core.io.AtomicFiles;

/**
 * A model directory on disk: the DJL weights and the {@value ModelManifest#FILE_NAME} beside
 * them, saved atomically and loaded with the errors a user can act on. Shared by the
 * generators and the surrogate.
 */
public final class ModelFiles {
  private ModelFiles() {
  }

  /**
   * The manifest file of a model directory.
   *
   * @throws NoSuchFileException if the directory, or the manifest in it, does not exist (the
   *     reason says which)
   */
  public static Path manifest(Path dir) throws NoSuchFileException {
    Objects.requireNonNull(dir, "dir");
    Path file = dir.resolve(ModelManifest.FILE_NAME);
    if (!Files.isRegularFile(file)) {
      throw new NoSuchFileException(file.toString(), null,
          Files.isDirectory(dir) ? "not a model directory: it has no " + ModelManifest.FILE_NAME
              : "no such model directory");
    }
    return file;
  }

  /**
   * Reads and parses the manifest of a model directory.
   *
   * @param parser the manifest reader, given the text and the file's path (for its messages),
   *     e.g. {@code ModelManifest::fromJson}
   * @throws NoSuchFileException as {@link #manifest(Path)}
   */
  public static <T> T readManifest(Path dir, BiFunction<String, String, T> parser)
      throws IOException {
    Path file = manifest(dir);
    return parser.apply(Files.readString(file, StandardCharsets.UTF_8), file.toString());
  }

  /**
   * Saves a model as a new directory, atomically: weights and manifest are written into a
   * temporary directory beside it, which is then renamed; on failure nothing is left.
   *
   * @param prefix the DJL parameter file prefix
   * @throws FileAlreadyExistsException if {@code dir} exists
   */
  public static void save(Path dir, Model model, String prefix, String manifestJson)
      throws IOException {
    Path abs = dir.toAbsolutePath().normalize();
    if (Files.exists(abs)) {
      throw new FileAlreadyExistsException(abs.toString(), null,
          "a model directory cannot overwrite an existing path; remove it or choose another");
    }
    Path tmp = AtomicFiles.tempDirectoryBeside(abs);
    try {
      model.setProperty("Epoch", "0");
      model.save(tmp, prefix);
      Files.writeString(tmp.resolve(ModelManifest.FILE_NAME), manifestJson,
          StandardCharsets.UTF_8);
      AtomicFiles.commit(tmp, abs);
    } finally {
      AtomicFiles.deleteTree(tmp);
    }
  }

  /**
   * Loads the weights of a model directory into a new DJL model of the given network.
   *
   * @param engine the DJL engine name
   * @throws IOException naming the directory and the network if the weights cannot be read or
   *     do not fit it; the model is closed then
   */
  public static Model load(Path dir, Block block, String prefix, String engine)
      throws IOException {
    Model model = Model.newInstance(prefix, Device.cpu(), engine);
    try {
      model.setBlock(block);
      model.load(dir, prefix);
      return model;
    } catch (MalformedModelException | RuntimeException e) {
      model.close();
      throw new IOException(dir + ": the weights do not load into the network the manifest"
          + " describes (" + block + "): " + e.getMessage(), e);
    } catch (IOException e) {
      model.close();
      throw e;
    }
  }
}

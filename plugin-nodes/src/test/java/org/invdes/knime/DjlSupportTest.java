package org.invdes.knime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/**
 * {@link DjlSupport} on a plain class path (inside OSGi: OsgiBundlesTest in tests/): the engine
 * loads from the pytorch-native-cpu jar, the context class loader is this bundle's during the
 * call and restored after it, also when the action fails.
 */
class DjlSupportTest {
  @Test
  void loadsThePyTorchEngineWithTheBundledLibtorch() {
    DjlSupport.EngineInfo e = DjlSupport.engine();
    assertEquals("PyTorch", e.name());
    String built = System.getProperty("invdes.pytorch.version");
    assertNotNull(built, "the pom passes the build's pytorch.version");
    assertTrue(e.version().startsWith(built), e.version() + " vs " + built);
    assertEquals(built, DjlSupport.libtorchVersion(), "the version the messages name");
    assertTrue(Files.isRegularFile(e.libtorchDirectory().resolve(System.mapLibraryName("torch"))),
        e.libtorchDirectory().toString());
    assertSame(e, DjlSupport.engine(), "loaded once");
  }

  @Test
  void actionRunsWithTheBundleLoaderAndGetsTheOldOneBack() throws Exception {
    Thread t = Thread.currentThread();
    ClassLoader before = t.getContextClassLoader();
    ClassLoader foreign = new URLClassLoader(new java.net.URL[0], null);
    t.setContextClassLoader(foreign);
    try {
      float sum = DjlSupport.call(() -> {
        assertSame(DjlSupport.class.getClassLoader(), t.getContextClassLoader());
        try (NDManager m = NDManager.newBaseManager(DjlSupport.ENGINE)) {
          NDArray a = m.create(new float[] {1, 2, 3.5f});
          return a.sum().getFloat();
        }
      });
      assertEquals(6.5f, sum);
      assertSame(foreign, t.getContextClassLoader());

      IOException thrown = assertThrows(IOException.class, () -> DjlSupport.call(() -> {
        throw new IOException("disk full");
      }));
      assertEquals("disk full", thrown.getMessage());
      assertSame(foreign, t.getContextClassLoader(), "restored after a failure too");
    } finally {
      t.setContextClassLoader(before);
    }
  }

  @Test
  void fragmentNamesFollowOsgiOsAndArch() {
    String p = DjlSupport.osgiPlatform();
    String os = System.getProperty("os.name").toLowerCase(Locale.ROOT);
    if (os.startsWith("linux") && System.getProperty("os.arch").equals("amd64")) {
      assertEquals("linux.x86_64", p);
    }
    assertTrue(p.matches("[a-z0-9_]+\\.[a-z0-9_]+"), p);
  }
}

package org.invdes.core.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Lattice;
import org.invdes.core.structure.Structure;
import org.junit.jupiter.api.Test;

/** {@link EncodingConfig#featureNames()}: one distinct name per float, in layout order. */
class FeatureNamesTest {
  @Test
  void namesFollowTheLayout() {
    Structure nacl = Structure.of(Lattice.cubic(5.64), List.of(Element.of("Na"),
        Element.of("Cl")), List.of(new double[] {0, 0, 0}, new double[] {0.5, 0.5, 0.5}));
    EncodingConfig c = Encoder.fit(List.of(nacl.withProperty("gap", 5.0)), EncoderOptions
        .builder().optMaxSites(3).optOccupancyChannel(true).optFourier(1)
        .optProperties(List.of("gap")).build()).config();
    List<String> names = c.featureNames();
    EncodingLayout l = c.layout();
    assertEquals(l.length(), names.size());
    assertEquals(names.size(), new HashSet<>(names).size());
    assertEquals("ln_a", names.get(0));
    assertEquals("gamma", names.get(5));
    // vocabulary Na (class 1), Cl (class 2): row 1 is s1_none s1_Na s1_Cl s1_x s1_y s1_z s1_occ
    assertEquals(List.of("s1_none", "s1_Na", "s1_Cl", "s1_x", "s1_y", "s1_z", "s1_occ"),
        names.subList(l.siteOffset(1), l.siteOffset(2)));
    assertEquals("F(0,0,1)_re", names.get(l.fourierOffset()));
    assertEquals("F(0,0,1)_im", names.get(l.fourierOffset() + 1));
    assertEquals("p_gap", names.get(l.propertiesOffset()));
  }
}

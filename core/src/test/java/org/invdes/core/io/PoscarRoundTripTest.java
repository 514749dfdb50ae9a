package org.invdes.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.invdes.core.structure.Element;
import org.invdes.core.structure.Site;
import org.invdes.core.structure.Structure;

class PoscarRoundTripTest extends FormatRoundTripContract {
  @Override
  String fileName() {
    return "POSCAR";
  }

  @Override
  boolean holdsDisorder() {
    return false;
  }

  @Override
  boolean holdsSeveral() {
    return false;
  }

  @Override
  boolean keepsProperties() {
    return false;
  }

  /** POSCAR lists sites grouped by element, in order of each element's first appearance. */
  @Override
  Structure canonicalOrder(Structure s) {
    Map<Element, List<Site>> groups = new LinkedHashMap<>();
    for (Site site : s.sites()) {
      groups.computeIfAbsent(site.majorElement(), k -> new ArrayList<>()).add(site);
    }
    List<Site> out = new ArrayList<>();
    groups.values().forEach(out::addAll);
    return s.withSites(out);
  }
}

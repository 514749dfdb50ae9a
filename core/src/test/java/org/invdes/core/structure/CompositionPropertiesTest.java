package org.invdes.core.structure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/** Invariants of {@link Composition} over random compositions of any of the 103 elements. */
class CompositionPropertiesTest {

    /** An element and its amount, kept as a list so that the insertion order is explicit. */
    record Amount(Element element, double atoms) {
    }

    @Provide
    Arbitrary<List<Amount>> integerAmounts() {
        return amounts(Arbitraries.integers().between(1, 12).map(Integer::doubleValue));
    }

    /** Integers, and non-integers with at most three decimals (partial occupancies). */
    @Provide
    Arbitrary<List<Amount>> anyAmounts() {
        Arbitrary<Double> integer = Arbitraries.integers().between(1, 12).map(Integer::doubleValue);
        Arbitrary<Double> fraction = Arbitraries.integers().between(1, 12_000)
                .map(thousandths -> thousandths / 1000.0);
        return amounts(Arbitraries.oneOf(integer, fraction));
    }

    private static Arbitrary<List<Amount>> amounts(Arbitrary<Double> atoms) {
        Arbitrary<Element> element =
                Arbitraries.integers().between(1, Element.MAX_NUMBER).map(Element::ofNumber);
        Arbitrary<Element> common = Arbitraries.of("H", "Li", "C", "N", "O", "F", "Na", "Mg",
                "P", "S", "Cl", "Ti", "Fe", "Cu", "Si", "Sr", "Ba", "Pb", "He", "Ar")
                .map(Element::of);
        return Combinators.combine(Arbitraries.frequencyOf(
                        Tuple.of(1, element), Tuple.of(1, common)),
                        atoms)
                .as(Amount::new)
                .list().ofMinSize(1).ofMaxSize(6)
                .uniqueElements(Amount::element);
    }

    private static Map<Element, Double> toMap(List<Amount> amounts) {
        Map<Element, Double> map = new LinkedHashMap<>();
        amounts.forEach(a -> map.put(a.element(), a.atoms()));
        return map;
    }

    @Property(tries = 500)
    void reducedFormulaIsInvariantUnderScalingByAPositiveInteger(
            @ForAll("integerAmounts") List<Amount> amounts,
            @ForAll @IntRange(min = 1, max = 50) int multiplier) {
        Composition original = Composition.of(toMap(amounts));
        Map<Element, Double> scaled = new LinkedHashMap<>();
        amounts.forEach(a -> scaled.put(a.element(), a.atoms() * multiplier));
        Composition scaledComposition = Composition.of(scaled);
        assertEquals(original.reducedFormula(), scaledComposition.reducedFormula());
        assertEquals(original.reductionFactor() * multiplier,
                scaledComposition.reductionFactor(), 0.0);
        assertEquals(original.reducedComposition(), scaledComposition.reducedComposition());
        assertEquals(scaledComposition, original.times(multiplier));
    }

    @Property(tries = 500)
    void insertionOrderDoesNotMatter(@ForAll("anyAmounts") List<Amount> amounts,
            @ForAll Random random) {
        List<Amount> shuffled = new ArrayList<>(amounts);
        Collections.shuffle(shuffled, random);
        Composition a = Composition.of(toMap(amounts));
        Composition b = Composition.of(toMap(shuffled));
        assertEquals(a, b);
        assertEquals(a.hashCode(), b.hashCode());
        assertEquals(a.formula(), b.formula());
        assertEquals(a.reducedFormula(), b.reducedFormula());
        assertEquals(a.reductionFactor(), b.reductionFactor(), 0.0);
    }

    @Property(tries = 500)
    void parsingTheReducedFormulaGivesTheReducedComposition(
            @ForAll("anyAmounts") List<Amount> amounts) {
        Composition composition = Composition.of(toMap(amounts));
        Composition reparsed = Composition.parse(composition.reducedFormula());
        assertTrue(reparsed.reducedComposition().approxEquals(composition.reducedComposition(),
                        1e-9),
                composition.reducedFormula() + ": " + reparsed.reducedComposition() + " vs "
                        + composition.reducedComposition());
        assertEquals(composition.reducedFormula(), reparsed.reducedFormula());
    }

    @Property(tries = 500)
    void parsingTheFormulaGivesTheCompositionBack(@ForAll("anyAmounts") List<Amount> amounts) {
        Composition composition = Composition.of(toMap(amounts));
        assertEquals(composition, Composition.parse(composition.formula()));
    }

    @Property(tries = 200)
    void weightIsAdditive(@ForAll("anyAmounts") List<Amount> first,
            @ForAll("anyAmounts") List<Amount> second) {
        Composition a = Composition.of(toMap(first));
        Composition b = Composition.of(toMap(second));
        double sum = a.weight() + b.weight();
        assertEquals(sum, a.plus(b).weight(), 1e-12 * sum);
        assertEquals(a.numAtoms() + b.numAtoms(), a.plus(b).numAtoms(), 1e-9);
    }
}

/**
 * Static selection: from scores, labels and a seed to a keep-list (ids and weights), by the exact rules of
 * DESIGN.md "Selection" so that the core and Spark give the same list byte for byte. Strategies: hard/easy
 * (Paul et al. 2021; Sorscher et al. 2022), a window past the hardest, random, coverage-centric stratified
 * (Zheng et al. 2023) and calibrated (Ayed &amp; Hayou 2023), optionally class-balanced.
 *
 * <p>Entry point: {@link dev.winnow.select.Selector#select} with {@link dev.winnow.select.SelectOptions}, which
 * a command line fills from flags ({@code fromFlags}) and a study from a
 * {@link dev.winnow.select.StrategySpec} ({@code calibrated:0.3}).
 */
package dev.winnow.select;

/**
 * Data quality beyond difficulty (DESIGN.md "Data quality beyond difficulty"): near-duplicates in feature
 * space (SemDeDup, Abbas et al. 2023), data maps (Dataset Cartography, Swayamdipta et al. 2020) and label
 * issues found by confident learning (Northcutt et al. 2021). Pure Java on the dynamics store; the rules
 * that DESIGN.md leaves open are written in {@code docs/quality.md}.
 */
package dev.winnow.quality;

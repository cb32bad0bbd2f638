/**
 * The engine that {@code winnow study} and {@code winnow demo} run studies on:
 * {@link dev.winnow.cli.study.DjlStudyEngine}, the study module's {@link dev.winnow.study.StudyEngine} over
 * {@code winnow-train} (datasets, DJL proxy recording with the recorder, target training driven by the core's
 * epoch policies). It lives with the command line, the one module that knows both, so that the study module
 * compiles against the core alone and its tests (and the command line's) run on a small arithmetic engine.
 * A session loads the dataset once and reaches it directly, without downcasts. Before a study writes anything,
 * the engine checks its target and proxy models against the data the spec names ({@code ModelCheck}).
 */
package dev.winnow.cli.study;

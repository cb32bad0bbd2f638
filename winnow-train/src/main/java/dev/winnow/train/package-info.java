/**
 * Training with DJL (PyTorch engine, CPU): proxy models are trained while their dynamics are recorded into a
 * store, and target models are trained on a keep-list or under a dynamic policy that picks each epoch's
 * examples, every cost timed. Entry points: {@link dev.winnow.train.TrainJob} (what {@code winnow train}
 * does), {@link dev.winnow.train.ProxyTrainer} (one model, one run) and {@link dev.winnow.train.Recorder}
 * (the dynamics).
 */
package dev.winnow.train;

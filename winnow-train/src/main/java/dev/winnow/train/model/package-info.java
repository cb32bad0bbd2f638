/**
 * The proxy and target models, each a body (input to features h) and a linear head (h to logits), so that
 * the recorder can read h for grad_norm and influence: logistic regression, MLP, a small CNN and ResNet
 * (He et al. 2016), a bag of words (Joulin et al. 2017) and a text CNN (Kim 2014). Build one from its spec
 * with {@link dev.winnow.train.model.ModelZoo#build}.
 */
package dev.winnow.train.model;

/**
 * Datasets held in memory for training: IDX images (Fashion-MNIST, Xiao et al. 2017), numeric CSV tables
 * and TSV text (SST-2's layout), each read once into {@link dev.winnow.train.data.Examples} (ids, labels,
 * inputs, and for text the sentences as written). Open one from its {@code --data} spec with
 * {@link dev.winnow.train.data.Datasets#load}.
 */
package dev.winnow.train.data;

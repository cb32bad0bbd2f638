"""Unit tests of winnow_torch (NumPy + torch only): python3 -m unittest test_winnow_torch (from this folder)."""
import json
import math
import os
import tempfile
import unittest

import numpy as np
import torch

from winnow_torch import KeepListSampler, Recorder, signals

# The fixture of Winnow's LogitsImportTest: labels [0, 0, 1], logits ex0 [2, 0], ex1 [0, 1], ex2 [1, 1].
# With the logit gap g = z_y - z_other of two classes: loss = ln(1 + e^-g), p_y = 1 / (1 + e^-g),
# el2n = sqrt(2) (1 - p_y).
Z = np.array([[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=np.float32)
Y = np.array([0, 0, 1])


class SignalsTest(unittest.TestCase):
    def test_hand_computed_two_class_signals(self):
        s = signals(Z, Y, h_squared_norm=np.array([3.0, 0.0, 8.0]))
        gaps = np.array([2.0, -1.0, 0.0])
        p_y = 1 / (1 + np.exp(-gaps))
        np.testing.assert_allclose(s["loss"], np.log1p(np.exp(-gaps)), rtol=1e-6)
        np.testing.assert_allclose(s["p_true"], p_y, rtol=1e-6)
        np.testing.assert_allclose(s["logit_margin"], gaps)
        np.testing.assert_array_equal(s["correct"], [1, 0, 0])   # ex2 ties: argmax is the first class
        el2n = math.sqrt(2) * (1 - p_y)
        np.testing.assert_allclose(s["el2n"], el2n, rtol=1e-6)
        np.testing.assert_allclose(s["grad_norm"], el2n * np.sqrt([4.0, 1.0, 9.0]), rtol=1e-6)
        np.testing.assert_allclose(s["p_max"], [p_y[0], 1 - p_y[1], 0.5], rtol=1e-6)
        np.testing.assert_allclose(s["top2_margin"], [2 * p_y[0] - 1, 1 - 2 * p_y[1], 0.0], atol=1e-7)
        q = p_y[0]
        self.assertAlmostEqual(float(s["entropy"][0]), -(q * math.log(q) + (1 - q) * math.log(1 - q)), places=6)
        self.assertTrue(np.isnan(signals(Z, Y)["grad_norm"]).all())


class RecorderTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.out = os.path.join(self.tmp.name, "store")

    def tearDown(self):
        self.tmp.cleanup()

    def leftovers(self):
        return sorted(os.listdir(self.tmp.name))

    def test_the_store_appears_only_at_close_with_nan_for_examples_not_presented(self):
        rec = Recorder(self.out, labels=torch.tensor(Y), num_classes=2)
        rec.record(torch.tensor([2, 0]), torch.tensor(Z[[2, 0]]))
        rec.end_epoch()
        rec.record([1], Z[[1]])
        self.assertFalse(os.path.exists(self.out))
        self.assertEqual(rec.close(), self.out)                  # ends epoch 2 too
        self.assertEqual(self.leftovers(), ["store"])
        with open(os.path.join(self.out, "manifest.json")) as f:
            m = json.load(f)
        self.assertEqual((m["format"], m["version"], m["examples"], m["classes"]), ("winnow-dynamics", 1, 3, 2))
        self.assertEqual(m["observations"], [{"run": 0, "epoch": 1, "kind": "presentation"},
                                             {"run": 0, "epoch": 2, "kind": "presentation"}])
        self.assertNotIn("grad_norm", m["signals"])
        loss = np.load(os.path.join(self.out, "loss.npy"))
        self.assertEqual((loss.dtype, loss.shape), (np.float32, (2, 3)))
        np.testing.assert_allclose(loss[0, [0, 2]], [math.log1p(math.exp(-2)), math.log(2)], rtol=1e-6)
        self.assertTrue(np.isnan(loss[0, 1]) and np.isnan(loss[1, 0]) and np.isnan(loss[1, 2]))
        np.testing.assert_array_equal(np.load(os.path.join(self.out, "labels.npy")), Y.astype(np.int32))

    def test_an_exception_inside_with_leaves_nothing(self):
        with self.assertRaises(KeyboardInterrupt):
            with Recorder(self.out, labels=Y, num_classes=2) as rec:
                rec.record([0, 1, 2], Z)
                rec.end_epoch()
                raise KeyboardInterrupt
        self.assertEqual(self.leftovers(), [])

    def test_bad_input_raises_one_sentence_and_the_recording_goes_on(self):
        rec = Recorder(self.out, labels=Y, num_classes=2)
        cases = [
            (([0, 3], Z[:2]), "record (epoch 1): id 3 is outside [0, 3) (ids are positions in the dataset)"),
            (([0, 0], Z[:2]), "record (epoch 1): id 0 appears twice in this batch"),
            (([0, 1], np.zeros((2, 3), np.float32)),
             "record (epoch 1): logits have shape (2, 3), expected [2, 2] (one row of 2 class logits per id)"),
            (([0], np.array([[np.nan, 0]], np.float32)),
             "record (epoch 1): the logits hold NaN or infinite values (did training diverge?)"),
        ]
        for args, message in cases:
            with self.assertRaises(ValueError) as e:
                rec.record(*args)
            self.assertEqual(str(e.exception), message)
        rec.record([1], Z[[1]])
        with self.assertRaises(ValueError) as e:
            rec.record([2, 1], Z[[2, 1]])
        self.assertEqual(str(e.exception), "record (epoch 1): id 1 was already recorded in this observation")
        rec.record([2], Z[[2]])                                   # the failed batch wrote nothing
        rec.end_epoch()
        rec.close()
        loss = np.load(os.path.join(self.out, "loss.npy"))
        self.assertTrue(np.isnan(loss[0, 0]))
        self.assertFalse(np.isnan(loss[0, 1:]).any())

    def test_bad_labels_and_an_existing_store_are_refused_before_anything_is_written(self):
        with self.assertRaises(ValueError) as e:
            Recorder(self.out, labels=[0, 2], num_classes=2)
        self.assertEqual(str(e.exception), "label 2 of example 1 is outside [0, 2)")
        os.makedirs(self.out)
        with self.assertRaises(FileExistsError):
            Recorder(self.out, labels=Y, num_classes=2)
        self.assertEqual(self.leftovers(), ["store"])

    def test_checkpoints_with_features_give_grad_norm_in_dataset_order(self):
        head = torch.nn.Linear(2, 2)

        class Model(torch.nn.Module):
            def forward(self, x):
                return head(x), x

        x = torch.tensor([[1.0, 0.0], [0.0, 2.0], [1.0, 1.0]])
        model = Model()
        rec = Recorder(self.out, labels=Y, num_classes=2, grad_norm=True)
        rec.record([0, 1, 2], model(x)[0], features=x)
        rec.end_epoch()
        with self.assertRaises(ValueError) as e:
            rec.checkpoint(model, torch.utils.data.DataLoader(x[:2], batch_size=2))
        self.assertEqual(str(e.exception), "checkpoint (epoch 1): the loader gave 2 examples, the labels have 3 "
                                           "(pass the whole training set, shuffle=False)")
        rec.checkpoint(model, torch.utils.data.DataLoader(torch.utils.data.TensorDataset(x), batch_size=2))
        path = rec.close()
        with open(os.path.join(path, "manifest.json")) as f:
            m = json.load(f)
        self.assertEqual([o["kind"] for o in m["observations"]], ["presentation", "checkpoint"])
        with torch.no_grad():
            z = head(x).numpy()
        expect = signals(z, Y, (x * x).sum(1).numpy())["grad_norm"]
        np.testing.assert_allclose(np.load(os.path.join(path, "grad_norm.npy"))[1], expect, rtol=1e-6)


class KeepListSamplerTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.TemporaryDirectory()
        self.csv = os.path.join(self.tmp.name, "keep.csv")

    def tearDown(self):
        self.tmp.cleanup()

    def write(self, text):
        with open(self.csv, "w") as f:
            f.write(text)

    def test_positions_weights_and_a_seeded_order(self):
        self.write("id,weight\n30,2.5\n10,1\n")
        s = KeepListSampler(self.csv, [10, 20, 30, 40], seed=3)
        self.assertEqual(len(s), 2)
        self.assertEqual(s.weights.tolist(), [1.0, 0.0, 2.5, 0.0])
        first, second = list(s), list(s)
        self.assertEqual(sorted(first), [0, 2])
        self.assertEqual(sorted(second), [0, 2])
        s.set_epoch(0)
        self.assertEqual(list(s), first)
        self.assertEqual(list(KeepListSampler(self.csv, [10, 20, 30, 40], shuffle=False)), [2, 0])

    def test_ids_the_dataset_lacks_and_repeated_ids_are_refused(self):
        self.write("id\n1\n5\n9\n")
        with self.assertRaises(ValueError) as e:
            KeepListSampler(self.csv, 6)
        self.assertEqual(str(e.exception), f"{self.csv}: id 9 is not in the dataset (1 of 3 kept ids are not)")
        self.write("id,weight\n1,1\n1,2\n")
        with self.assertRaises(ValueError) as e:
            KeepListSampler(self.csv, 6)
        self.assertEqual(str(e.exception), f"{self.csv}:3: id 1 appears twice")
        self.write("id,weight\n1,-1\n")
        with self.assertRaises(ValueError):
            KeepListSampler(self.csv, 6)


if __name__ == "__main__":
    unittest.main()

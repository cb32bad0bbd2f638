#!/usr/bin/env python3
"""Writes the small NumPy fixtures that NpyFixturesTest and LogitsImportTest read.

Run from this folder with python3 and numpy 2.x:  python3 make_fixtures.py
The values are spelled out in the tests too; change both together.
"""
import numpy as np

# float32 2-D, with a NaN, a negative zero, an infinity and a subnormal-free spread of values
f32 = np.array([[0.0, 1.5, -2.25, np.nan],
                [3.0e-5, -0.0, 1.0e30, np.inf],
                [-1.0, 0.1, 123456.78, -7.5]], dtype=np.float32)
np.save("f32_2d.npy", f32)

np.save("i32.npy", np.array([0, -1, 2147483647, -2147483648, 42], dtype=np.int32))
np.save("i64.npy", np.array([0, -1, 9223372036854775807, -9223372036854775808, 1 << 40], dtype=np.int64))
np.save("bool.npy", np.array([True, False, False, True], dtype=np.bool_))

# a tiny training run for `winnow import`: T=2 observations, N=3 examples, C=2 classes
logits = np.array([[[2.0, 0.0], [0.0, 1.0], [1.0, 1.0]],
                   [[3.0, -1.0], [np.nan, np.nan], [-2.0, 2.0]]], dtype=np.float32)
np.save("logits_t2_n3_c2.npy", logits)
np.save("labels_n3.npy", np.array([0, 0, 1], dtype=np.int64))

# a signal matrix for `winnow import --signal`: T=2 observations, N=3 examples, float64, one NaN
np.save("loss_t2_n3_f64.npy", np.array([[0.5, np.nan, 2.0], [0.25, 1.0, 4.0]], dtype=np.float64))

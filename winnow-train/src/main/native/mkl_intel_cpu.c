/*
 * Lets Intel MKL use its AVX2 / AVX-512 kernels on non-Intel x86 CPUs.
 *
 * DJL's PyTorch build links MKL statically and does its single-precision matrix products there (linear
 * layers, their gradients). MKL asks mkl_serv_intel_cpu_true() whether the CPU is Intel's and, when the
 * answer is no, runs generic kernels whatever the CPU's instruction set. The function is exported from
 * libtorch_cpu.so and called through the PLT, so a preloaded library that defines it answers instead;
 * MKL then picks its kernels from the CPU's feature bits, as it does on Intel CPUs. Measured on an AMD
 * EPYC (winnow-bench OpBench, batch 128, one thread): linear 784→256 forward 0.65 → 0.33 ms.
 *
 * The ./winnow launcher builds this file with the C compiler (cc) on AMD CPUs and preloads it
 * (LD_PRELOAD); WINNOW_MKL_SHIM=off turns that off. See dev.winnow.train.MklDispatch.
 */
int mkl_serv_intel_cpu_true(void) {
    return 1;
}

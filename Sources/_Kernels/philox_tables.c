// The Philox kernels' shared tables (Docs/Philox.md): the polynomial coefficients every ISA path
// evaluates (fdlibm's log, the sin/cos Taylor polynomials, Wichura's AS 241, Cephes' logf/sinf/cosf),
// and the split of a large float32 fill into ordinary and streaming stores. Nothing here calls a kernel.
#include "philox_shared.h"

// fdlibm's Lg1…Lg7, (−1)ᵏ/(2k+1)! for k = 9…0 and (−1)ᵏ/(2k)! for k = 10…0 (nearest binary64).
const double nninit_philox_lg[7] = {6.666666666666735130e-01, 3.999999999940941908e-01, 2.857142874366239149e-01,
                                    2.222219843214978396e-01, 1.818357216161805012e-01, 1.531383769920937332e-01,
                                    1.479819860511658591e-01};
const double nninit_philox_sin_taylor[10] = {
    -0x1.2f49b46814157p-57, 0x1.952c77030ad4ap-49,  -0x1.ae7f3e733b81fp-41, 0x1.6124613a86d09p-33, -0x1.ae64567f544e4p-26,
    0x1.71de3a556c734p-19,  -0x1.a01a01a01a01ap-13, 0x1.1111111111111p-7,   -0x1.5555555555555p-3, 0x1p+0};
const double nninit_philox_cos_taylor[11] = {
    0x1.e542ba4020225p-62,  -0x1.6827863b97d97p-53, 0x1.ae7f3e733b81fp-45, -0x1.93974a8c07c9dp-37,
    0x1.1eed8eff8d898p-29,  -0x1.27e4fb7789f5cp-22, 0x1.a01a01a01a01ap-16, -0x1.6c16c16c16c17p-10,
    0x1.5555555555555p-5,   -0x1p-1,                0x1p+0};

// Wichura's AS 241 (PPND16) coefficients A, B (central), C, D (r ≤ 5), E, F (r > 5), lowest degree first.
const double nninit_philox_as241[6][8] = {
    {3.3871328727963666080e0, 1.3314166789178437745e+2, 1.9715909503065514427e+3, 1.3731693765509461125e+4,
     4.5921953931549871457e+4, 6.7265770927008700853e+4, 3.3430575583588128105e+4, 2.5090809287301226727e+3},
    {1.0, 4.2313330701600911252e+1, 6.8718700749205790830e+2, 5.3941960214247511077e+3, 2.1213794301586595867e+4,
     3.9307895800092710610e+4, 2.8729085735721942674e+4, 5.2264952788528545610e+3},
    {1.42343711074968357734e0, 4.63033784615654529590e0, 5.76949722146069140550e0, 3.64784832476320460504e0,
     1.27045825245236838258e0, 2.41780725177450611770e-1, 2.27238449892691845833e-2, 7.74545014278341407640e-4},
    {1.0, 2.05319162663775882187e0, 1.67638483018380384940e0, 6.89767334985100004550e-1, 1.48103976427480074590e-1,
     1.51986665636164571966e-2, 5.47593808499534494600e-4, 1.05075007164441684324e-9},
    {6.65790464350110377720e0, 5.46378491116411436990e0, 1.78482653991729133580e0, 2.96560571828504891230e-1,
     2.65321895265761230930e-2, 1.24266094738807843860e-3, 2.71155556874348757815e-5, 2.01033439929228813265e-7},
    {1.0, 5.99832206555887937690e-1, 1.36929880922735805310e-1, 1.48753612908506148525e-2, 7.86869131145613259100e-4,
     1.84631831751005468180e-5, 1.42151175831644588870e-7, 2.04426310338993978564e-15},
};

// Cephes' logf P (highest degree first), sinf S and cosf C, shared with the SIMD files; as bits:
// P 3d9021bb bdebd1b8 3def251a bdfe5d4f 3e11e9bf be2aae50 3e4cceac be7ffffc 3eaaaaaa,
// S b94ca1f9 3c08839e be2aaaa3, C 37ccf5ce bab6061a 3d2aaaa5.
const float nninit_philox_logf_p[9] = {7.0376836292E-2f,  -1.1514610310E-1f, 1.1676998740E-1f,
                                       -1.2420140846E-1f, 1.4249322787E-1f,  -1.6668057665E-1f,
                                       2.0000714765E-1f,  -2.4999993993E-1f, 3.3333331174E-1f};
const float nninit_philox_sinf_s[3] = {-1.9515295891e-4f, 8.3321608736e-3f, -1.6666654611e-1f};
const float nninit_philox_cosf_c[3] = {2.443315711809948e-5f, -1.388731625493765e-3f, 4.166664568298827e-2f};

// ---- Streaming stores (the SIMD files' large float32 fills) -----------------------------------------

/// Fills of at least this many float32 elements per call write with non-temporal stores (past the
/// caches, without first reading each line): they would not fit in the caches anyway. Values are unchanged.
enum { STREAM_MIN_FLOATS = 1 << 20 };

/// The number of leading elements to write with ordinary stores so that the rest starts on a block
/// boundary (offset ≡ 0 mod 4) at an `alignment`-byte-aligned address — then every direct batch of the
/// SIMD kernels (a multiple of `alignment` bytes) is aligned for `vmovntps`; `count` (no streaming) when
/// the fill is small or no such split exists.
size_t nninit_philox_streaming_head(const float *out, uint64_t offset, size_t count, size_t alignment) {
  if (count < STREAM_MIN_FLOATS) return count;
  for (size_t head = 0; head < 64; head++)
    if ((offset + head) % 4 == 0 && ((uintptr_t)(out + head) & (alignment - 1)) == 0) return head;
  return count;
}

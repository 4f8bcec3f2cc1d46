;; SIMD128 kernels for kmn's hot loops (issue 14, item 1). Hand-written WebAssembly text, compiled
;; by scripts/build-wasm.ts into src/simd/kernels-wasm.ts (committed bytes; a test recompiles and
;; compares). Every pointer is a byte offset into the imported memory; Float64 data must be 8-byte
;; aligned (the arena in simd-kernels.ts aligns to 16). The scalar JavaScript loops in
;; src/network/hot-loops.ts and src/simd/scalar-kernels.ts are the reference.
;;
;; Summation order of the reductions (dotInt8, dotF64, and dotF32 in binary32): eight partial sums,
;; partial k holding the entries i = k mod 8 of the first floor(m / 8) * 8 entries, combined as
;; ((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7)), then the tail entries added one by one. The
;; element-wise kernels (addInt8Row, axpyF64, axpyF32) and the blocked product gemm6x8 do per entry
;; exactly what the scalar loop does, so they are bit-identical to it.
(module
  (import "env" "memory" (memory 1))

  ;; Horizontal sum of four f64x2 accumulators (order documented above).
  (func $hsum (param $a0 v128) (param $a1 v128) (param $a2 v128) (param $a3 v128) (result f64)
    (local $v v128)
    (local.set $v (f64x2.add (f64x2.add (local.get $a0) (local.get $a2))
                             (f64x2.add (local.get $a1) (local.get $a3))))
    (f64.add (f64x2.extract_lane 0 (local.get $v)) (f64x2.extract_lane 1 (local.get $v))))

  ;; sum_{mu < m} t[mu] a[mu], t Int8 at byte offset $t, a Float64 at byte offset $a.
  (func (export "dotInt8") (param $t i32) (param $a i32) (param $m i32) (result f64)
    (local $end i32) (local $w v128) (local $lo v128) (local $hi v128)
    (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64)
    (local.set $end (i32.add (local.get $t) (i32.and (local.get $m) (i32.const -8))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $t) (local.get $end)))
        ;; 8 Int8 -> 8 i16 -> 2 x 4 i32 -> 4 x 2 f64
        (local.set $w (v128.load8x8_s (local.get $t)))
        (local.set $lo (i32x4.extend_low_i16x8_s (local.get $w)))
        (local.set $hi (i32x4.extend_high_i16x8_s (local.get $w)))
        (local.set $acc0 (f64x2.add (local.get $acc0)
          (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $lo)) (v128.load (local.get $a)))))
        (local.set $acc1 (f64x2.add (local.get $acc1)
          (f64x2.mul (f64x2.convert_low_i32x4_s
                       (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo)))
                     (v128.load offset=16 (local.get $a)))))
        (local.set $acc2 (f64x2.add (local.get $acc2)
          (f64x2.mul (f64x2.convert_low_i32x4_s (local.get $hi)) (v128.load offset=32 (local.get $a)))))
        (local.set $acc3 (f64x2.add (local.get $acc3)
          (f64x2.mul (f64x2.convert_low_i32x4_s
                       (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi)))
                     (v128.load offset=48 (local.get $a)))))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (br $loop)))
    (local.set $s (call $hsum (local.get $acc0) (local.get $acc1) (local.get $acc2) (local.get $acc3)))
    (local.set $end (i32.add (local.get $end) (i32.and (local.get $m) (i32.const 7))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $s (f64.add (local.get $s)
          (f64.mul (f64.convert_i32_s (i32.load8_s (local.get $t))) (f64.load (local.get $a)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; sum_{i < n} a[i] b[i], both Float64.
  (func (export "dotF64") (param $a i32) (param $b i32) (param $n i32) (result f64)
    (local $end i32) (local $acc0 v128) (local $acc1 v128) (local $acc2 v128) (local $acc3 v128) (local $s f64)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 3))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc0 (f64x2.add (local.get $acc0) (f64x2.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $acc1 (f64x2.add (local.get $acc1) (f64x2.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $acc2 (f64x2.add (local.get $acc2) (f64x2.mul (v128.load offset=32 (local.get $a)) (v128.load offset=32 (local.get $b)))))
        (local.set $acc3 (f64x2.add (local.get $acc3) (f64x2.mul (v128.load offset=48 (local.get $a)) (v128.load offset=48 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 64)))
        (local.set $b (i32.add (local.get $b) (i32.const 64)))
        (br $loop)))
    (local.set $s (call $hsum (local.get $acc0) (local.get $acc1) (local.get $acc2) (local.get $acc3)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 7)) (i32.const 3))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s (f64.add (local.get $s) (f64.mul (f64.load (local.get $a)) (f64.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 8)))
        (local.set $b (i32.add (local.get $b) (i32.const 8)))
        (br $tail)))
    (local.get $s))

  ;; stat[mu] += f * t[mu] for mu < m (stat Float64, t Int8).
  (func (export "addInt8Row") (param $stat i32) (param $t i32) (param $f f64) (param $m i32)
    (local $end i32) (local $w v128) (local $lo v128) (local $hi v128) (local $fv v128)
    (local.set $fv (f64x2.splat (local.get $f)))
    (local.set $end (i32.add (local.get $t) (i32.and (local.get $m) (i32.const -8))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $t) (local.get $end)))
        (local.set $w (v128.load8x8_s (local.get $t)))
        (local.set $lo (i32x4.extend_low_i16x8_s (local.get $w)))
        (local.set $hi (i32x4.extend_high_i16x8_s (local.get $w)))
        (v128.store (local.get $stat) (f64x2.add (v128.load (local.get $stat))
          (f64x2.mul (local.get $fv) (f64x2.convert_low_i32x4_s (local.get $lo)))))
        (v128.store offset=16 (local.get $stat) (f64x2.add (v128.load offset=16 (local.get $stat))
          (f64x2.mul (local.get $fv) (f64x2.convert_low_i32x4_s
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $lo) (local.get $lo))))))
        (v128.store offset=32 (local.get $stat) (f64x2.add (v128.load offset=32 (local.get $stat))
          (f64x2.mul (local.get $fv) (f64x2.convert_low_i32x4_s (local.get $hi)))))
        (v128.store offset=48 (local.get $stat) (f64x2.add (v128.load offset=48 (local.get $stat))
          (f64x2.mul (local.get $fv) (f64x2.convert_low_i32x4_s
            (i8x16.shuffle 8 9 10 11 12 13 14 15 0 1 2 3 4 5 6 7 (local.get $hi) (local.get $hi))))))
        (local.set $t (i32.add (local.get $t) (i32.const 8)))
        (local.set $stat (i32.add (local.get $stat) (i32.const 64)))
        (br $loop)))
    (local.set $end (i32.add (local.get $end) (i32.and (local.get $m) (i32.const 7))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $t) (local.get $end)))
        (f64.store (local.get $stat) (f64.add (f64.load (local.get $stat))
          (f64.mul (local.get $f) (f64.convert_i32_s (i32.load8_s (local.get $t))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (local.set $stat (i32.add (local.get $stat) (i32.const 8)))
        (br $tail))))

  ;; y[i] += alpha x[i] for i < n (both Float64).
  (func (export "axpyF64") (param $y i32) (param $x i32) (param $alpha f64) (param $n i32)
    (local $end i32) (local $av v128)
    (local.set $av (f64x2.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 3))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y) (f64x2.add (v128.load (local.get $y)) (f64x2.mul (local.get $av) (v128.load (local.get $x)))))
        (v128.store offset=16 (local.get $y) (f64x2.add (v128.load offset=16 (local.get $y)) (f64x2.mul (local.get $av) (v128.load offset=16 (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 32)))
        (local.set $x (i32.add (local.get $x) (i32.const 32)))
        (br $loop)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 3))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $y) (local.get $end)))
        (f64.store (local.get $y) (f64.add (f64.load (local.get $y)) (f64.mul (local.get $alpha) (f64.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 8)))
        (local.set $x (i32.add (local.get $x) (i32.const 8)))
        (br $tail))))

  ;; Blocked product C += A B^T on 6 x 8 tiles (the batched fields, overlaps and projections). A is
  ;; packed in panels of 6 rows, entry (r, k) at ap + (r / 6) aStride + 48 k + 8 (r mod 6); B's block
  ;; of kc columns in panels of 8 rows, entry (i, k) at bp + (i / 8) 64 kc + 64 k + 8 (i mod 8); C in
  ;; 6 x 8 tiles, entry (r, i) at c + (r / 6) cRow + 384 (i / 8) + 64 (r mod 6) + 8 (i mod 8). Each entry
  ;; of C is one f64 lane that adds a_rk b_ik (rounded product, then rounded sum) for k = 0, 1, ...,
  ;; kc - 1 in turn: the same order and operations as the scalar loop `s += a[k] * b[k]`, so C is
  ;; bit-identical to it on every input. Two k per iteration, then one more when kc is odd. (Tile
  ;; measured on this machine: 6 x 8 at 19 GFlop/s against 14 for 4 x 4; the 24 accumulators do not
  ;; all fit in registers, but fewer broadcasts per multiply-add win.)
  (func (export "gemm6x8") (param $ap i32) (param $aStride i32) (param $bp i32) (param $c i32) (param $cRow i32)
        (param $qp i32) (param $np i32) (param $kc i32)
    (local $a i32) (local $b i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $end i32) (local $end2 i32)
    (local $x v128) (local $y0 v128) (local $y1 v128) (local $y2 v128) (local $y3 v128)
    (local $c00 v128) (local $c01 v128) (local $c02 v128) (local $c03 v128) (local $c10 v128) (local $c11 v128) (local $c12 v128) (local $c13 v128) (local $c20 v128) (local $c21 v128) (local $c22 v128) (local $c23 v128) (local $c30 v128) (local $c31 v128) (local $c32 v128) (local $c33 v128) (local $c40 v128) (local $c41 v128) (local $c42 v128) (local $c43 v128) (local $c50 v128) (local $c51 v128) (local $c52 v128) (local $c53 v128)
    (block $adone
      (loop $aloop
        (br_if $adone (i32.ge_u (local.get $a) (local.get $qp)))
        (local.set $b (i32.const 0))
        (local.set $pc (i32.add (local.get $c) (i32.mul (local.get $a) (local.get $cRow))))
        (block $bdone
          (loop $bloop
            (br_if $bdone (i32.ge_u (local.get $b) (local.get $np)))
            (local.set $c00 (v128.load offset=0 (local.get $pc)))
            (local.set $c01 (v128.load offset=16 (local.get $pc)))
            (local.set $c02 (v128.load offset=32 (local.get $pc)))
            (local.set $c03 (v128.load offset=48 (local.get $pc)))
            (local.set $c10 (v128.load offset=64 (local.get $pc)))
            (local.set $c11 (v128.load offset=80 (local.get $pc)))
            (local.set $c12 (v128.load offset=96 (local.get $pc)))
            (local.set $c13 (v128.load offset=112 (local.get $pc)))
            (local.set $c20 (v128.load offset=128 (local.get $pc)))
            (local.set $c21 (v128.load offset=144 (local.get $pc)))
            (local.set $c22 (v128.load offset=160 (local.get $pc)))
            (local.set $c23 (v128.load offset=176 (local.get $pc)))
            (local.set $c30 (v128.load offset=192 (local.get $pc)))
            (local.set $c31 (v128.load offset=208 (local.get $pc)))
            (local.set $c32 (v128.load offset=224 (local.get $pc)))
            (local.set $c33 (v128.load offset=240 (local.get $pc)))
            (local.set $c40 (v128.load offset=256 (local.get $pc)))
            (local.set $c41 (v128.load offset=272 (local.get $pc)))
            (local.set $c42 (v128.load offset=288 (local.get $pc)))
            (local.set $c43 (v128.load offset=304 (local.get $pc)))
            (local.set $c50 (v128.load offset=320 (local.get $pc)))
            (local.set $c51 (v128.load offset=336 (local.get $pc)))
            (local.set $c52 (v128.load offset=352 (local.get $pc)))
            (local.set $c53 (v128.load offset=368 (local.get $pc)))
            (local.set $pa (i32.add (local.get $ap) (i32.mul (local.get $a) (local.get $aStride))))
            (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $b) (i32.shl (local.get $kc) (i32.const 6)))))
            (local.set $end (i32.add (local.get $pa) (i32.mul (local.get $kc) (i32.const 48))))
            (local.set $end2 (i32.add (local.get $pa) (i32.mul (i32.and (local.get $kc) (i32.const -2)) (i32.const 48))))
            (block $kdone
              (loop $kloop
                (br_if $kdone (i32.ge_u (local.get $pa) (local.get $end2)))
                (local.set $y0 (v128.load offset=0 (local.get $pb)))
                (local.set $y1 (v128.load offset=16 (local.get $pb)))
                (local.set $y2 (v128.load offset=32 (local.get $pb)))
                (local.set $y3 (v128.load offset=48 (local.get $pb)))
                (local.set $x (v128.load64_splat offset=0 (local.get $pa)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c23 (f64x2.add (local.get $c23) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c33 (f64x2.add (local.get $c33) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=32 (local.get $pa)))
                (local.set $c40 (f64x2.add (local.get $c40) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c41 (f64x2.add (local.get $c41) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c42 (f64x2.add (local.get $c42) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c43 (f64x2.add (local.get $c43) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=40 (local.get $pa)))
                (local.set $c50 (f64x2.add (local.get $c50) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c51 (f64x2.add (local.get $c51) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c52 (f64x2.add (local.get $c52) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c53 (f64x2.add (local.get $c53) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $y0 (v128.load offset=64 (local.get $pb)))
                (local.set $y1 (v128.load offset=80 (local.get $pb)))
                (local.set $y2 (v128.load offset=96 (local.get $pb)))
                (local.set $y3 (v128.load offset=112 (local.get $pb)))
                (local.set $x (v128.load64_splat offset=48 (local.get $pa)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=56 (local.get $pa)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=64 (local.get $pa)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c23 (f64x2.add (local.get $c23) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=72 (local.get $pa)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c33 (f64x2.add (local.get $c33) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=80 (local.get $pa)))
                (local.set $c40 (f64x2.add (local.get $c40) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c41 (f64x2.add (local.get $c41) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c42 (f64x2.add (local.get $c42) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c43 (f64x2.add (local.get $c43) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=88 (local.get $pa)))
                (local.set $c50 (f64x2.add (local.get $c50) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c51 (f64x2.add (local.get $c51) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c52 (f64x2.add (local.get $c52) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c53 (f64x2.add (local.get $c53) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 96)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 128)))
                (br $kloop)))
            (if (i32.lt_u (local.get $pa) (local.get $end))
              (then
                (local.set $y0 (v128.load offset=0 (local.get $pb)))
                (local.set $y1 (v128.load offset=16 (local.get $pb)))
                (local.set $y2 (v128.load offset=32 (local.get $pb)))
                (local.set $y3 (v128.load offset=48 (local.get $pb)))
                (local.set $x (v128.load64_splat offset=0 (local.get $pa)))
                (local.set $c00 (f64x2.add (local.get $c00) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c01 (f64x2.add (local.get $c01) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c02 (f64x2.add (local.get $c02) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c03 (f64x2.add (local.get $c03) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=8 (local.get $pa)))
                (local.set $c10 (f64x2.add (local.get $c10) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c11 (f64x2.add (local.get $c11) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c12 (f64x2.add (local.get $c12) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c13 (f64x2.add (local.get $c13) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=16 (local.get $pa)))
                (local.set $c20 (f64x2.add (local.get $c20) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c21 (f64x2.add (local.get $c21) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c22 (f64x2.add (local.get $c22) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c23 (f64x2.add (local.get $c23) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=24 (local.get $pa)))
                (local.set $c30 (f64x2.add (local.get $c30) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c31 (f64x2.add (local.get $c31) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c32 (f64x2.add (local.get $c32) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c33 (f64x2.add (local.get $c33) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=32 (local.get $pa)))
                (local.set $c40 (f64x2.add (local.get $c40) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c41 (f64x2.add (local.get $c41) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c42 (f64x2.add (local.get $c42) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c43 (f64x2.add (local.get $c43) (f64x2.mul (local.get $x) (local.get $y3))))
                (local.set $x (v128.load64_splat offset=40 (local.get $pa)))
                (local.set $c50 (f64x2.add (local.get $c50) (f64x2.mul (local.get $x) (local.get $y0))))
                (local.set $c51 (f64x2.add (local.get $c51) (f64x2.mul (local.get $x) (local.get $y1))))
                (local.set $c52 (f64x2.add (local.get $c52) (f64x2.mul (local.get $x) (local.get $y2))))
                (local.set $c53 (f64x2.add (local.get $c53) (f64x2.mul (local.get $x) (local.get $y3))))))
            (v128.store offset=0 (local.get $pc) (local.get $c00))
            (v128.store offset=16 (local.get $pc) (local.get $c01))
            (v128.store offset=32 (local.get $pc) (local.get $c02))
            (v128.store offset=48 (local.get $pc) (local.get $c03))
            (v128.store offset=64 (local.get $pc) (local.get $c10))
            (v128.store offset=80 (local.get $pc) (local.get $c11))
            (v128.store offset=96 (local.get $pc) (local.get $c12))
            (v128.store offset=112 (local.get $pc) (local.get $c13))
            (v128.store offset=128 (local.get $pc) (local.get $c20))
            (v128.store offset=144 (local.get $pc) (local.get $c21))
            (v128.store offset=160 (local.get $pc) (local.get $c22))
            (v128.store offset=176 (local.get $pc) (local.get $c23))
            (v128.store offset=192 (local.get $pc) (local.get $c30))
            (v128.store offset=208 (local.get $pc) (local.get $c31))
            (v128.store offset=224 (local.get $pc) (local.get $c32))
            (v128.store offset=240 (local.get $pc) (local.get $c33))
            (v128.store offset=256 (local.get $pc) (local.get $c40))
            (v128.store offset=272 (local.get $pc) (local.get $c41))
            (v128.store offset=288 (local.get $pc) (local.get $c42))
            (v128.store offset=304 (local.get $pc) (local.get $c43))
            (v128.store offset=320 (local.get $pc) (local.get $c50))
            (v128.store offset=336 (local.get $pc) (local.get $c51))
            (v128.store offset=352 (local.get $pc) (local.get $c52))
            (v128.store offset=368 (local.get $pc) (local.get $c53))
            (local.set $pc (i32.add (local.get $pc) (i32.const 384)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bloop)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aloop))))

  ;; sum_{i < n} a[i] b[i] in binary32 (a, b Float32), eight partial sums in two f32x4 accumulators,
  ;; partial k holding the entries i = k mod 8 of the first floor(n / 8) * 8, combined as
  ;; ((p0 + p4) + (p2 + p6)) + ((p1 + p5) + (p3 + p7)) (the order of dotF64), then the tail one by
  ;; one; every product and sum rounded to binary32.
  (func (export "dotF32") (param $a i32) (param $b i32) (param $n i32) (result f32)
    (local $end i32) (local $acc0 v128) (local $acc1 v128) (local $v v128) (local $s f32)
    (local.set $end (i32.add (local.get $a) (i32.shl (i32.and (local.get $n) (i32.const -8)) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $acc0 (f32x4.add (local.get $acc0) (f32x4.mul (v128.load (local.get $a)) (v128.load (local.get $b)))))
        (local.set $acc1 (f32x4.add (local.get $acc1) (f32x4.mul (v128.load offset=16 (local.get $a)) (v128.load offset=16 (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 32)))
        (local.set $b (i32.add (local.get $b) (i32.const 32)))
        (br $loop)))
    (local.set $v (f32x4.add (local.get $acc0) (local.get $acc1)))
    (local.set $s (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $v)) (f32x4.extract_lane 2 (local.get $v)))
      (f32.add (f32x4.extract_lane 1 (local.get $v)) (f32x4.extract_lane 3 (local.get $v)))))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 7)) (i32.const 2))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $a) (local.get $end)))
        (local.set $s (f32.add (local.get $s) (f32.mul (f32.load (local.get $a)) (f32.load (local.get $b)))))
        (local.set $a (i32.add (local.get $a) (i32.const 4)))
        (local.set $b (i32.add (local.get $b) (i32.const 4)))
        (br $tail)))
    (local.get $s))

  ;; y[i] += alpha x[i] for i < n in binary32 (both Float32; alpha rounded to binary32 on entry).
  (func (export "axpyF32") (param $y i32) (param $x i32) (param $alpha f32) (param $n i32)
    (local $end i32) (local $av v128)
    (local.set $av (f32x4.splat (local.get $alpha)))
    (local.set $end (i32.add (local.get $y) (i32.shl (i32.and (local.get $n) (i32.const -4)) (i32.const 2))))
    (block $done
      (loop $loop
        (br_if $done (i32.ge_u (local.get $y) (local.get $end)))
        (v128.store (local.get $y) (f32x4.add (v128.load (local.get $y)) (f32x4.mul (local.get $av) (v128.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 16)))
        (local.set $x (i32.add (local.get $x) (i32.const 16)))
        (br $loop)))
    (local.set $end (i32.add (local.get $end) (i32.shl (i32.and (local.get $n) (i32.const 3)) (i32.const 2))))
    (block $tdone
      (loop $tail
        (br_if $tdone (i32.ge_u (local.get $y) (local.get $end)))
        (f32.store (local.get $y) (f32.add (f32.load (local.get $y)) (f32.mul (local.get $alpha) (f32.load (local.get $x)))))
        (local.set $y (i32.add (local.get $y) (i32.const 4)))
        (local.set $x (i32.add (local.get $x) (i32.const 4)))
        (br $tail))))

  ;; Hamming distances of packed bit rows (the overlaps xi^mu . s = N - 2 Hamming of bipolar vectors):
  ;; out[r m + mu] = popcount(x_mu xor s_r) (i32), for mu < m and r < 4 panels; rows of x and s are
  ;; `chunks` 128-bit words (zero-padded alike), read as 64-bit words: i64.popcnt is one POPCNT
  ;; instruction on x64, 20% faster here than i8x16.popcnt (a nibble table lookup without AVX-512).
  ;; Integer counts: exact, so equal to any scalar loop.
  (func (export "hamming4") (param $x i32) (param $s i32) (param $out i32) (param $m i32) (param $panels i32) (param $chunks i32)
    (local $mu i32) (local $p i32) (local $c i32) (local $row i32) (local $xr i32) (local $sr i32) (local $o i32)
    (local $xv i64) (local $a0 i64) (local $a1 i64) (local $a2 i64) (local $a3 i64)
    (local.set $row (i32.shl (local.get $chunks) (i32.const 4)))
    (block $mdone
      (loop $mloop
        (br_if $mdone (i32.ge_u (local.get $mu) (local.get $m)))
        (local.set $xr (i32.add (local.get $x) (i32.mul (local.get $mu) (local.get $row))))
        (local.set $p (i32.const 0))
        (block $pdone
          (loop $ploop
            (br_if $pdone (i32.ge_u (local.get $p) (local.get $panels)))
            (local.set $sr (i32.add (local.get $s) (i32.mul (i32.shl (local.get $p) (i32.const 2)) (local.get $row))))
            (local.set $a0 (i64.const 0))
            (local.set $a1 (i64.const 0))
            (local.set $a2 (i64.const 0))
            (local.set $a3 (i64.const 0))
            (local.set $c (i32.const 0))
            (block $cdone
              (loop $cloop
                (br_if $cdone (i32.ge_u (local.get $c) (local.get $row)))
                (local.set $xv (i64.load (i32.add (local.get $xr) (local.get $c))))
                (local.set $o (i32.add (local.get $sr) (local.get $c)))
                (local.set $a0 (i64.add (local.get $a0) (i64.popcnt (i64.xor (local.get $xv) (i64.load (local.get $o))))))
                (local.set $o (i32.add (local.get $o) (local.get $row)))
                (local.set $a1 (i64.add (local.get $a1) (i64.popcnt (i64.xor (local.get $xv) (i64.load (local.get $o))))))
                (local.set $o (i32.add (local.get $o) (local.get $row)))
                (local.set $a2 (i64.add (local.get $a2) (i64.popcnt (i64.xor (local.get $xv) (i64.load (local.get $o))))))
                (local.set $o (i32.add (local.get $o) (local.get $row)))
                (local.set $a3 (i64.add (local.get $a3) (i64.popcnt (i64.xor (local.get $xv) (i64.load (local.get $o))))))
                (local.set $c (i32.add (local.get $c) (i32.const 8)))
                (br $cloop)))
            ;; out[(4 p + j) m + mu] = a_j
            (local.set $o (i32.add (local.get $out) (i32.shl (i32.add (i32.mul (i32.shl (local.get $p) (i32.const 2)) (local.get $m)) (local.get $mu)) (i32.const 2))))
            (i32.store (local.get $o) (i32.wrap_i64 (local.get $a0)))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $m) (i32.const 2))))
            (i32.store (local.get $o) (i32.wrap_i64 (local.get $a1)))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $m) (i32.const 2))))
            (i32.store (local.get $o) (i32.wrap_i64 (local.get $a2)))
            (local.set $o (i32.add (local.get $o) (i32.shl (local.get $m) (i32.const 2))))
            (i32.store (local.get $o) (i32.wrap_i64 (local.get $a3)))
            (local.set $p (i32.add (local.get $p) (i32.const 1)))
            (br $ploop)))
        (local.set $mu (i32.add (local.get $mu) (i32.const 1)))
        (br $mloop))))

  ;; Exact product of integer tables with bipolar patterns in 16-bit limbs (the batched fields when
  ;; the tables are integers): tiles of 2 rows of A (each as two i16 limbs) x 2 rows of B (+/-1 as
  ;; i16), 8 entries of k per step with i32x4.dot_i16x8_s. A panel: per step 64 bytes
  ;; [r0 limb0][r0 limb1][r1 limb0][r1 limb1] (8 x i16 each), panels aStride bytes apart; B panel:
  ;; per step 32 bytes [i0][i1], panels 32 steps bytes apart. Output: 8 i32 per tile at
  ;; c + a cRow + 32 b, entry 4 r + 2 i + limb, the exact sum over k of limb x b (integers: no
  ;; rounding, any order). The caller bounds |limb| <= 2^15 and k < 2^16 so nothing overflows.
  (func (export "gemmI16") (param $ap i32) (param $aStride i32) (param $bp i32) (param $c i32) (param $cRow i32)
        (param $qp i32) (param $np i32) (param $steps i32)
    (local $a i32) (local $b i32) (local $pa i32) (local $pb i32) (local $pc i32) (local $end i32)
    (local $x0 v128) (local $x1 v128) (local $t00 v128) (local $t01 v128) (local $t10 v128) (local $t11 v128)
    (local $s000 v128) (local $s001 v128) (local $s010 v128) (local $s011 v128) (local $s100 v128) (local $s101 v128) (local $s110 v128) (local $s111 v128)
    (block $adone
      (loop $aloop
        (br_if $adone (i32.ge_u (local.get $a) (local.get $qp)))
        (local.set $b (i32.const 0))
        (block $bdone
          (loop $bloop
            (br_if $bdone (i32.ge_u (local.get $b) (local.get $np)))
            (local.set $s000 (v128.const i64x2 0 0))
            (local.set $s001 (v128.const i64x2 0 0))
            (local.set $s010 (v128.const i64x2 0 0))
            (local.set $s011 (v128.const i64x2 0 0))
            (local.set $s100 (v128.const i64x2 0 0))
            (local.set $s101 (v128.const i64x2 0 0))
            (local.set $s110 (v128.const i64x2 0 0))
            (local.set $s111 (v128.const i64x2 0 0))
            (local.set $pa (i32.add (local.get $ap) (i32.mul (local.get $a) (local.get $aStride))))
            (local.set $pb (i32.add (local.get $bp) (i32.mul (local.get $b) (i32.shl (local.get $steps) (i32.const 5)))))
            (local.set $end (i32.add (local.get $pa) (i32.shl (local.get $steps) (i32.const 6))))
            (block $kdone
              (loop $kloop
                (br_if $kdone (i32.ge_u (local.get $pa) (local.get $end)))
                (local.set $x0 (v128.load (local.get $pb)))
                (local.set $x1 (v128.load offset=16 (local.get $pb)))
                (local.set $t00 (v128.load offset=0 (local.get $pa)))
                (local.set $t01 (v128.load offset=16 (local.get $pa)))
                (local.set $t10 (v128.load offset=32 (local.get $pa)))
                (local.set $t11 (v128.load offset=48 (local.get $pa)))
                (local.set $s000 (i32x4.add (local.get $s000) (i32x4.dot_i16x8_s (local.get $t00) (local.get $x0))))
                (local.set $s001 (i32x4.add (local.get $s001) (i32x4.dot_i16x8_s (local.get $t01) (local.get $x0))))
                (local.set $s010 (i32x4.add (local.get $s010) (i32x4.dot_i16x8_s (local.get $t00) (local.get $x1))))
                (local.set $s011 (i32x4.add (local.get $s011) (i32x4.dot_i16x8_s (local.get $t01) (local.get $x1))))
                (local.set $s100 (i32x4.add (local.get $s100) (i32x4.dot_i16x8_s (local.get $t10) (local.get $x0))))
                (local.set $s101 (i32x4.add (local.get $s101) (i32x4.dot_i16x8_s (local.get $t11) (local.get $x0))))
                (local.set $s110 (i32x4.add (local.get $s110) (i32x4.dot_i16x8_s (local.get $t10) (local.get $x1))))
                (local.set $s111 (i32x4.add (local.get $s111) (i32x4.dot_i16x8_s (local.get $t11) (local.get $x1))))
                (local.set $pa (i32.add (local.get $pa) (i32.const 64)))
                (local.set $pb (i32.add (local.get $pb) (i32.const 32)))
                (br $kloop)))
            (local.set $pc (i32.add (i32.add (local.get $c) (i32.mul (local.get $a) (local.get $cRow))) (i32.shl (local.get $b) (i32.const 5))))
            (i32.store offset=0 (local.get $pc) (call $lanes32 (local.get $s000)))
            (i32.store offset=4 (local.get $pc) (call $lanes32 (local.get $s001)))
            (i32.store offset=8 (local.get $pc) (call $lanes32 (local.get $s010)))
            (i32.store offset=12 (local.get $pc) (call $lanes32 (local.get $s011)))
            (i32.store offset=16 (local.get $pc) (call $lanes32 (local.get $s100)))
            (i32.store offset=20 (local.get $pc) (call $lanes32 (local.get $s101)))
            (i32.store offset=24 (local.get $pc) (call $lanes32 (local.get $s110)))
            (i32.store offset=28 (local.get $pc) (call $lanes32 (local.get $s111)))
            (local.set $b (i32.add (local.get $b) (i32.const 1)))
            (br $bloop)))
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $aloop))))

  ;; Sum of the four i32 lanes of v.
  (func $lanes32 (param $v v128) (result i32)
    (i32.add (i32.add (i32x4.extract_lane 0 (local.get $v)) (i32x4.extract_lane 1 (local.get $v)))
             (i32.add (i32x4.extract_lane 2 (local.get $v)) (i32x4.extract_lane 3 (local.get $v)))))

  ;; Signed-sum tables and lookups for the table-lookup projection of +/-1 patterns
  ;; (src/network/signed-projection.ts; scalar reference `signedGroup` in scalar-kernels.ts). Every
  ;; table entry and output is computed by the same rounded additions in the same order as the
  ;; reference, so the results are bit-identical to it.

  ;; The 16 left-to-right signed sums of the 4 weights at $w into 16 f64 at $t (index bit k = sign + of weight k).
  (func $half (param $w i32) (param $t i32)
    (local $p f64) (local $v f64) (local $size i32) (local $b i32) (local $k i32)
    (local.set $p (f64.load (local.get $w)))
    (f64.store (local.get $t) (f64.neg (local.get $p)))
    (f64.store offset=8 (local.get $t) (local.get $p))
    (local.set $size (i32.const 2))
    (local.set $k (i32.const 1))
    (loop $kloop
      (local.set $p (f64.load (i32.add (local.get $w) (i32.shl (local.get $k) (i32.const 3)))))
      (local.set $b (i32.const 0))
      (loop $bloop
        (local.set $v (f64.load (i32.add (local.get $t) (i32.shl (local.get $b) (i32.const 3)))))
        (f64.store (i32.add (local.get $t) (i32.shl (local.get $b) (i32.const 3))) (f64.sub (local.get $v) (local.get $p)))
        (f64.store (i32.add (local.get $t) (i32.shl (i32.add (local.get $b) (local.get $size)) (i32.const 3))) (f64.add (local.get $v) (local.get $p)))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $bloop (i32.lt_u (local.get $b) (local.get $size))))
      (local.set $size (i32.shl (local.get $size) (i32.const 1)))
      (local.set $k (i32.add (local.get $k) (i32.const 1)))
      (br_if $kloop (i32.lt_u (local.get $k) (i32.const 4)))))

  ;; The 256 sums tab[16 h + l] = lo[l] + hi[h] (lo at $halves, hi at $halves + 128) into $tab.
  (func $table (param $halves i32) (param $tab i32)
    (local $h i32) (local $s v128) (local $p i32)
    (local $l0 v128) (local $l1 v128) (local $l2 v128) (local $l3 v128)
    (local $l4 v128) (local $l5 v128) (local $l6 v128) (local $l7 v128)
    (local.set $l0 (v128.load offset=0 (local.get $halves)))
    (local.set $l1 (v128.load offset=16 (local.get $halves)))
    (local.set $l2 (v128.load offset=32 (local.get $halves)))
    (local.set $l3 (v128.load offset=48 (local.get $halves)))
    (local.set $l4 (v128.load offset=64 (local.get $halves)))
    (local.set $l5 (v128.load offset=80 (local.get $halves)))
    (local.set $l6 (v128.load offset=96 (local.get $halves)))
    (local.set $l7 (v128.load offset=112 (local.get $halves)))
    (loop $hloop
      (local.set $s (v128.load64_splat offset=128 (i32.add (local.get $halves) (i32.shl (local.get $h) (i32.const 3)))))
      (local.set $p (i32.add (local.get $tab) (i32.shl (local.get $h) (i32.const 7))))
      (v128.store offset=0 (local.get $p) (f64x2.add (local.get $l0) (local.get $s)))
      (v128.store offset=16 (local.get $p) (f64x2.add (local.get $l1) (local.get $s)))
      (v128.store offset=32 (local.get $p) (f64x2.add (local.get $l2) (local.get $s)))
      (v128.store offset=48 (local.get $p) (f64x2.add (local.get $l3) (local.get $s)))
      (v128.store offset=64 (local.get $p) (f64x2.add (local.get $l4) (local.get $s)))
      (v128.store offset=80 (local.get $p) (f64x2.add (local.get $l5) (local.get $s)))
      (v128.store offset=96 (local.get $p) (f64x2.add (local.get $l6) (local.get $s)))
      (v128.store offset=112 (local.get $p) (f64x2.add (local.get $l7) (local.get $s)))
      (local.set $h (i32.add (local.get $h) (i32.const 1)))
      (br_if $hloop (i32.lt_u (local.get $h) (i32.const 16)))))

  ;; One group of 32 patterns for k (1..4) queries: query r's 32 weights at $w + r $wStride (bytes,
  ;; zero past M), its four 256-entry tables at $tab + 8192 r (halves scratch at $tab + 32768), then
  ;; out_r[j] += (T0[b0] + T1[b1]) + (T2[b2] + T3[b3]) for j < n, sign words at $words, out_r at
  ;; $out + r $outStride (bytes).
  (func (export "signedGroup") (param $w i32) (param $wStride i32) (param $k i32) (param $words i32) (param $n i32)
                               (param $tab i32) (param $out i32) (param $outStride i32)
    (local $r i32) (local $b i32) (local $halves i32) (local $wr i32) (local $tr i32)
    (local $j i32) (local $u i32) (local $i0 i32) (local $i1 i32) (local $i2 i32) (local $i3 i32)
    (local $o i32) (local $t i32) (local $end i32)
    (local.set $halves (i32.add (local.get $tab) (i32.const 32768)))
    (local.set $r (i32.const 0))
    (block $tdone (loop $rloop
      (br_if $tdone (i32.ge_u (local.get $r) (local.get $k)))
      (local.set $wr (i32.add (local.get $w) (i32.mul (local.get $r) (local.get $wStride))))
      (local.set $tr (i32.add (local.get $tab) (i32.shl (local.get $r) (i32.const 13))))
      (local.set $b (i32.const 0))
      (loop $bloop
        (call $half (i32.add (local.get $wr) (i32.shl (local.get $b) (i32.const 6))) (local.get $halves))
        (call $half (i32.add (i32.add (local.get $wr) (i32.shl (local.get $b) (i32.const 6))) (i32.const 32))
                    (i32.add (local.get $halves) (i32.const 128)))
        (call $table (local.get $halves) (i32.add (local.get $tr) (i32.shl (local.get $b) (i32.const 11))))
        (local.set $b (i32.add (local.get $b) (i32.const 1)))
        (br_if $bloop (i32.lt_u (local.get $b) (i32.const 4))))
      (local.set $r (i32.add (local.get $r) (i32.const 1)))
      (br $rloop)))
    (local.set $end (i32.add (local.get $words) (i32.shl (local.get $n) (i32.const 2))))
    (if (i32.eq (local.get $k) (i32.const 4))
      (then
        (local.set $o (local.get $out))
        (block $done (loop $jloop
          (br_if $done (i32.ge_u (local.get $words) (local.get $end)))
          (local.set $u (i32.load (local.get $words)))
          (local.set $i0 (i32.add (local.get $tab) (i32.shl (i32.and (local.get $u) (i32.const 255)) (i32.const 3))))
          (local.set $i1 (i32.add (local.get $tab) (i32.shl (i32.and (i32.shr_u (local.get $u) (i32.const 8)) (i32.const 255)) (i32.const 3))))
          (local.set $i2 (i32.add (local.get $tab) (i32.shl (i32.and (i32.shr_u (local.get $u) (i32.const 16)) (i32.const 255)) (i32.const 3))))
          (local.set $i3 (i32.add (local.get $tab) (i32.shl (i32.shr_u (local.get $u) (i32.const 24)) (i32.const 3))))
          (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
            (f64.add (f64.add (f64.load offset=0 (local.get $i0)) (f64.load offset=2048 (local.get $i1)))
                     (f64.add (f64.load offset=4096 (local.get $i2)) (f64.load offset=6144 (local.get $i3))))))
          (local.set $t (i32.add (local.get $o) (local.get $outStride)))
          (f64.store (local.get $t) (f64.add (f64.load (local.get $t))
            (f64.add (f64.add (f64.load offset=8192 (local.get $i0)) (f64.load offset=10240 (local.get $i1)))
                     (f64.add (f64.load offset=12288 (local.get $i2)) (f64.load offset=14336 (local.get $i3))))))
          (local.set $t (i32.add (local.get $t) (local.get $outStride)))
          (f64.store (local.get $t) (f64.add (f64.load (local.get $t))
            (f64.add (f64.add (f64.load offset=16384 (local.get $i0)) (f64.load offset=18432 (local.get $i1)))
                     (f64.add (f64.load offset=20480 (local.get $i2)) (f64.load offset=22528 (local.get $i3))))))
          (local.set $t (i32.add (local.get $t) (local.get $outStride)))
          (f64.store (local.get $t) (f64.add (f64.load (local.get $t))
            (f64.add (f64.add (f64.load offset=24576 (local.get $i0)) (f64.load offset=26624 (local.get $i1)))
                     (f64.add (f64.load offset=28672 (local.get $i2)) (f64.load offset=30720 (local.get $i3))))))
          (local.set $words (i32.add (local.get $words) (i32.const 4)))
          (local.set $o (i32.add (local.get $o) (i32.const 8)))
          (br $jloop))))
      (else
        (local.set $r (i32.const 0))
        (block $rdone (loop $rloop2
          (br_if $rdone (i32.ge_u (local.get $r) (local.get $k)))
          (local.set $tr (i32.add (local.get $tab) (i32.shl (local.get $r) (i32.const 13))))
          (local.set $o (i32.add (local.get $out) (i32.mul (local.get $r) (local.get $outStride))))
          (local.set $j (local.get $words))
          (block $done1 (loop $jloop1
            (br_if $done1 (i32.ge_u (local.get $j) (local.get $end)))
            (local.set $u (i32.load (local.get $j)))
            (local.set $i0 (i32.add (local.get $tr) (i32.shl (i32.and (local.get $u) (i32.const 255)) (i32.const 3))))
            (local.set $i1 (i32.add (local.get $tr) (i32.shl (i32.and (i32.shr_u (local.get $u) (i32.const 8)) (i32.const 255)) (i32.const 3))))
            (local.set $i2 (i32.add (local.get $tr) (i32.shl (i32.and (i32.shr_u (local.get $u) (i32.const 16)) (i32.const 255)) (i32.const 3))))
            (local.set $i3 (i32.add (local.get $tr) (i32.shl (i32.shr_u (local.get $u) (i32.const 24)) (i32.const 3))))
            (f64.store (local.get $o) (f64.add (f64.load (local.get $o))
              (f64.add (f64.add (f64.load offset=0 (local.get $i0)) (f64.load offset=2048 (local.get $i1)))
                       (f64.add (f64.load offset=4096 (local.get $i2)) (f64.load offset=6144 (local.get $i3))))))
            (local.set $j (i32.add (local.get $j) (i32.const 4)))
            (local.set $o (i32.add (local.get $o) (i32.const 8)))
            (br $jloop1)))
          (local.set $r (i32.add (local.get $r) (i32.const 1)))
          (br $rloop2))))))
)

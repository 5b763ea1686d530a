/**
 * WebAssembly text for the blocked GEMM (GotoBLAS/BLIS loop order): B is packed into
 * KC×NR micro-panels, A into MR×KC micro-panels (or, when A is row-major, read in place),
 * and an MR×NR register tile accumulates
 * with SIMD multiply-adds. Strides are in elements, so transposed operands are read in place
 * by the packing routines. The same generator writes the float32 and float64 kernels.
 */
export interface GemmShape {
  /** 'f32' or 'f64'. */
  readonly type: 'f32' | 'f64';
  /** Rows of the register tile. */
  readonly mr: number;
  /** v128 vectors per row of the register tile (NR = nv · lanes). */
  readonly nv: number;
  /** Depth of one packed panel (L1-sized B micro-panel). */
  readonly kc: number;
  /** Rows of A packed at once (L2-sized block). */
  readonly mc: number;
  /** Columns of B packed at once. */
  readonly nc: number;
  /** Use relaxed-SIMD fused multiply-add. */
  readonly fma: boolean;
  /** k-loop unroll factor of the micro-kernel. */
  readonly unroll: number;
  /** Broadcast A by splat loads ('load') or by one vector load and lane shuffles ('shuffle', mr ≤ lanes). */
  readonly broadcast?: 'load' | 'shuffle';
}

function range(n: number): number[] {
  return Array.from({ length: n }, (_, i) => i);
}

/**
 * The micro-kernel: C[MR×NR] (+)= A[MR×kc]·Bp[kc×NR] with B a packed panel. A is a packed
 * MR×kc micro-panel, or (`unpackedA`) MR rows read in place, `$lda` bytes apart, k contiguous:
 * the same loads and multiply-adds in the same order, so both give bit-identical results.
 * With `vectors` < nv it computes only the first `vectors` vectors of the panel's columns
 * (the last, narrower panel of a product, e.g. 8 of 12 columns when N = 500), straight into C.
 */
function microKernel(name: string, s: GemmShape, unpackedA = false, vectors = s.nv): string {
  const es = s.type === 'f32' ? 4 : 8;
  const v = s.type === 'f32' ? 'f32x4' : 'f64x2';
  const splat = s.type === 'f32' ? 'v128.load32_splat' : 'v128.load64_splat';
  const nr = s.nv * (16 / es);
  const acc = (r: number, j: number): string => `$c${r}_${j}`;
  const madd = (a: string, b: string, c: string): string =>
    s.fma ? `(${v}.relaxed_madd ${a} ${b} ${c})` : `(${v}.add ${c} (${v}.mul ${a} ${b}))`;
  const step = (u: number): string[] => {
    const lines: string[] = [];
    for (let j = 0; j < vectors; j++) lines.push(`(local.set $b${j} (v128.load offset=${(u * nr + j * (16 / es)) * es} (local.get $bp)))`);
    if (s.broadcast === 'shuffle') lines.push(`(local.set $av (v128.load offset=${u * s.mr * es} (local.get $ap)))`);
    for (let r = 0; r < s.mr; r++) {
      if (s.broadcast === 'shuffle') {
        const bytes = range(16).map((i) => r * es + (i % es)).join(' ');
        lines.push(`(local.set $a (i8x16.shuffle ${bytes} (local.get $av) (local.get $av)))`);
      } else if (unpackedA) lines.push(`(local.set $a (${splat} offset=${u * es} (local.get $ap${r})))`);
      else lines.push(`(local.set $a (${splat} offset=${(u * s.mr + r) * es} (local.get $ap)))`);
      for (let j = 0; j < vectors; j++) lines.push(`(local.set ${acc(r, j)} ${madd('(local.get $a)', `(local.get $b${j})`, `(local.get ${acc(r, j)})`)})`);
    }
    return lines;
  };
  const locals = [
    ...range(s.mr).flatMap((r) => range(vectors).map((j) => `(local ${acc(r, j)} v128)`)),
    ...range(vectors).map((j) => `(local $b${j} v128)`),
    '(local $a v128) (local $av v128) (local $cr i32)',
    ...(unpackedA ? range(s.mr).map((r) => `(local $ap${r} i32)`) : []),
  ];
  // Advances A by `k` steps: the packed panel by k·MR elements, each row read in place by k.
  const advanceA = (k: number): string =>
    unpackedA
      ? range(s.mr).map((r) => `(local.set $ap${r} (i32.add (local.get $ap${r}) (i32.const ${k * es})))`).join(' ')
      : `(local.set $ap (i32.add (local.get $ap) (i32.const ${k * s.mr * es})))`;
  const rowPointers = unpackedA
    ? range(s.mr).map((r) => `(local.set $ap${r} (i32.add (local.get $ap) (i32.mul (local.get $lda) (i32.const ${r}))))`).join(' ')
    : '';
  const store = (accumulate: boolean): string[] =>
    range(s.mr).flatMap((r) => [
      ...range(vectors).map((j) => {
        const addr = `offset=${j * 16} (local.get $cr)`;
        const value = accumulate ? `(${v}.add (v128.load ${addr}) (local.get ${acc(r, j)}))` : `(local.get ${acc(r, j)})`;
        return `(v128.store ${addr} ${value})`;
      }),
      `(local.set $cr (i32.add (local.get $cr) (local.get $ldc)))`,
    ]);
  return `
(func ${name} (param $kc i32) (param $ap i32)${unpackedA ? ' (param $lda i32)' : ''} (param $bp i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
  ${locals.join(' ')}
  ${rowPointers}
  ;; do-while loops: the test sits at the bottom, so an iteration costs one branch.
  (if (i32.ge_u (local.get $kc) (i32.const ${s.unroll})) (then (loop $u
    ${range(s.unroll).flatMap(step).join('\n    ')}
    ${advanceA(s.unroll)}
    (local.set $bp (i32.add (local.get $bp) (i32.const ${s.unroll * nr * es})))
    (local.set $kc (i32.sub (local.get $kc) (i32.const ${s.unroll})))
    (br_if $u (i32.ge_u (local.get $kc) (i32.const ${s.unroll}))))))
  ${s.unroll > 1 ? `(if (local.get $kc) (then (loop $k1
    ${step(0).join('\n    ')}
    ${advanceA(1)}
    (local.set $bp (i32.add (local.get $bp) (i32.const ${nr * es})))
    (local.set $kc (i32.sub (local.get $kc) (i32.const 1)))
    (br_if $k1 (local.get $kc)))))` : ''}
  (local.set $cr (local.get $c))
  (if (local.get $accumulate)
    (then ${store(true).join('\n      ')})
    (else ${store(false).join('\n      ')})))`;
}

/**
 * The whole GEMM for one element type: `${prefix}_gemm(M, N, K, a, rsA, csA, b, rsB, csB,
 * c, ldc, accumulate, work)` computes C[M×N] (+)= op(A)·op(B) where element (i, k) of op(A)
 * is at a + (i·rsA + k·csA)·size, likewise for B, and `work` points at gemmWorkBytes of scratch.
 */
export function gemmWat(prefix: string, s: GemmShape): string {
  const es = s.type === 'f32' ? 4 : 8;
  const t = s.type;
  const lanes = 16 / es;
  const nr = s.nv * lanes;
  const shift = es === 4 ? 2 : 3;
  const bpOff = Math.ceil(s.mc / s.mr) * s.mr * s.kc * es;
  const tileOff = bpOff + s.kc * Math.ceil(s.nc / nr) * nr * es;
  const ukr = `$${prefix}_ukr`;
  const ukrRows = `$${prefix}_ukr_rows`;
  // Narrow kernels for the last panel when its width is whole vectors (1 … nv−1 of them).
  const narrow = range(s.nv - 1).map((i) => i + 1);
  const narrowCall = (n: number, kc: string, ap: string, lda: string, bp: string, c: string, ldcBytes: string, accumulate: string): string =>
    `(if ${lda} (then (call $${prefix}_ukr_rows_v${n} ${kc} ${ap} ${lda} ${bp} ${c} ${ldcBytes} ${accumulate})) (else (call $${prefix}_ukr_v${n} ${kc} ${ap} ${bp} ${c} ${ldcBytes} ${accumulate})))`;
  const min = (a: string, b: string): string => `(select ${a} ${b} (i32.lt_u ${a} ${b}))`;
  const get = (n: string): string => `(local.get $${n})`;
  const elt = (base: string, offset: string): string => `(i32.add ${base} (i32.shl ${offset} (i32.const ${shift})))`;
  return `
${microKernel(ukr, s)}
${microKernel(ukrRows, s, true)}
${narrow.map((n) => `${microKernel(`$${prefix}_ukr_v${n}`, s, false, n)}\n${microKernel(`$${prefix}_ukr_rows_v${n}`, s, true, n)}`).join('\n')}
(func $${prefix}_packA (param $mc i32) (param $kc i32) (param $src i32) (param $rs i32) (param $cs i32) (param $dst i32)
  (local $ir i32) (local $r i32) (local $k i32) (local $s i32) (local $d i32) (local $csb i32) (local $full i32) (local $t i32)
  (local.set $csb (i32.shl ${get('cs')} (i32.const ${shift})))
  ;; Rows contiguous in memory (a transposed operand, Xᵀ·dY): copy the whole tiles k by k, so each
  ;; source row is read front to back, instead of walking each row of A with stride cs.
  (local.set $full (i32.sub ${get('mc')} (i32.rem_u ${get('mc')} (i32.const ${s.mr}))))
  (if (i32.and (i32.eq ${get('rs')} (i32.const 1)) (i32.ne ${get('full')} (i32.const 0)))
    (then
      (block $endKT (loop $kt
        (br_if $endKT (i32.ge_u ${get('k')} ${get('kc')}))
        (local.set $s (i32.add ${get('src')} (i32.mul ${get('k')} ${get('csb')})))
        (local.set $d (i32.add ${get('dst')} (i32.mul ${get('k')} (i32.const ${s.mr * es}))))
        (local.set $t (i32.const 0))
        (block $endT (loop $tl
          (br_if $endT (i32.ge_u ${get('t')} ${get('full')}))
          ${range(s.mr).map((r) => `(${t}.store offset=${r * es} ${get('d')} (${t}.load offset=${r * es} ${get('s')}))`).join(' ')}
          (local.set $s (i32.add ${get('s')} (i32.const ${s.mr * es})))
          (local.set $d (i32.add ${get('d')} (i32.mul ${get('kc')} (i32.const ${s.mr * es}))))
          (local.set $t (i32.add ${get('t')} (i32.const ${s.mr})))
          (br $tl)))
        (local.set $k (i32.add ${get('k')} (i32.const 1)))
        (br $kt)))
      ;; The rest (fewer than MR rows) below, after the whole tiles.
      (local.set $ir ${get('full')})
      (local.set $dst (i32.add ${get('dst')} (i32.mul (i32.div_u ${get('full')} (i32.const ${s.mr})) (i32.mul ${get('kc')} (i32.const ${s.mr * es})))))))
  (block $endI (loop $i
    (br_if $endI (i32.ge_u ${get('ir')} ${get('mc')}))
    (local.set $r (i32.const 0))
    (block $endR (loop $rows
      (br_if $endR (i32.ge_u ${get('r')} (i32.const ${s.mr})))
      (local.set $d ${elt(get('dst'), get('r'))})
      (local.set $k (i32.const 0))
      (if (i32.lt_u (i32.add ${get('ir')} ${get('r')}) ${get('mc')})
        (then
          (local.set $s ${elt(get('src'), `(i32.mul (i32.add ${get('ir')} ${get('r')}) ${get('rs')})`)})
          (block $endK (loop $ks
            (br_if $endK (i32.ge_u ${get('k')} ${get('kc')}))
            (${t}.store ${get('d')} (${t}.load ${get('s')}))
            (local.set $s (i32.add ${get('s')} ${get('csb')}))
            (local.set $d (i32.add ${get('d')} (i32.const ${s.mr * es})))
            (local.set $k (i32.add ${get('k')} (i32.const 1)))
            (br $ks))))
        (else
          (block $endZ (loop $zs
            (br_if $endZ (i32.ge_u ${get('k')} ${get('kc')}))
            (${t}.store ${get('d')} (${t}.const 0))
            (local.set $d (i32.add ${get('d')} (i32.const ${s.mr * es})))
            (local.set $k (i32.add ${get('k')} (i32.const 1)))
            (br $zs)))))
      (local.set $r (i32.add ${get('r')} (i32.const 1)))
      (br $rows)))
    (local.set $dst (i32.add ${get('dst')} (i32.mul ${get('kc')} (i32.const ${s.mr * es}))))
    (local.set $ir (i32.add ${get('ir')} (i32.const ${s.mr})))
    (br $i))))
(func $${prefix}_packB (param $kc i32) (param $nc i32) (param $src i32) (param $rs i32) (param $cs i32) (param $dst i32)
  (local $jr i32) (local $k i32) (local $c i32) (local $s i32) (local $d i32) (local $rsb i32)
  (local.set $rsb (i32.shl ${get('rs')} (i32.const ${shift})))
  (block $endJ (loop $j
    (br_if $endJ (i32.ge_u ${get('jr')} ${get('nc')}))
    (if (i32.and (i32.eq ${get('cs')} (i32.const 1)) (i32.le_u (i32.add ${get('jr')} (i32.const ${nr})) ${get('nc')}))
      (then
        (local.set $s ${elt(get('src'), get('jr'))})
        (local.set $d ${get('dst')})
        (local.set $k (i32.const 0))
        (block $endK (loop $ks
          (br_if $endK (i32.ge_u ${get('k')} ${get('kc')}))
          ${range(s.nv).map((j) => `(v128.store offset=${j * 16} ${get('d')} (v128.load offset=${j * 16} ${get('s')}))`).join(' ')}
          (local.set $s (i32.add ${get('s')} ${get('rsb')}))
          (local.set $d (i32.add ${get('d')} (i32.const ${nr * es})))
          (local.set $k (i32.add ${get('k')} (i32.const 1)))
          (br $ks))))
      (else
        (local.set $c (i32.const 0))
        (block $endC (loop $cols
          (br_if $endC (i32.ge_u ${get('c')} (i32.const ${nr})))
          (local.set $d ${elt(get('dst'), get('c'))})
          (local.set $k (i32.const 0))
          (if (i32.lt_u (i32.add ${get('jr')} ${get('c')}) ${get('nc')})
            (then
              (local.set $s ${elt(get('src'), `(i32.mul (i32.add ${get('jr')} ${get('c')}) ${get('cs')})`)})
              (block $endK2 (loop $ks2
                (br_if $endK2 (i32.ge_u ${get('k')} ${get('kc')}))
                (${t}.store ${get('d')} (${t}.load ${get('s')}))
                (local.set $s (i32.add ${get('s')} ${get('rsb')}))
                (local.set $d (i32.add ${get('d')} (i32.const ${nr * es})))
                (local.set $k (i32.add ${get('k')} (i32.const 1)))
                (br $ks2))))
            (else
              (block $endZ (loop $zs
                (br_if $endZ (i32.ge_u ${get('k')} ${get('kc')}))
                (${t}.store ${get('d')} (${t}.const 0))
                (local.set $d (i32.add ${get('d')} (i32.const ${nr * es})))
                (local.set $k (i32.add ${get('k')} (i32.const 1)))
                (br $zs)))))
          (local.set $c (i32.add ${get('c')} (i32.const 1)))
          (br $cols)))))
    (local.set $dst (i32.add ${get('dst')} (i32.mul ${get('kc')} (i32.const ${nr * es}))))
    (local.set $jr (i32.add ${get('jr')} (i32.const ${nr})))
    (br $j))))
(func $${prefix}_edge (param $kc i32) (param $ap i32) (param $lda i32) (param $bp i32) (param $c i32) (param $ldc i32) (param $accumulate i32)
      (param $mr i32) (param $nr i32) (param $tile i32)
  (local $r i32) (local $j i32) (local $p i32) (local $q i32)
  ;; Copy the valid part of C into a full tile (zeros elsewhere), run the kernel, copy back.
  (local.set $r (i32.const 0))
  (block $endR (loop $rows
    (br_if $endR (i32.ge_u ${get('r')} (i32.const ${s.mr})))
    (local.set $j (i32.const 0))
    (block $endC (loop $cols
      (br_if $endC (i32.ge_u ${get('j')} (i32.const ${nr})))
      (local.set $q ${elt(get('tile'), `(i32.add (i32.mul ${get('r')} (i32.const ${nr})) ${get('j')})`)})
      (${t}.store ${get('q')} (${t}.const 0))
      (if (i32.and ${get('accumulate')} (i32.and (i32.lt_u ${get('r')} ${get('mr')}) (i32.lt_u ${get('j')} ${get('nr')})))
        (then (${t}.store ${get('q')} (${t}.load ${elt(get('c'), `(i32.add (i32.mul ${get('r')} ${get('ldc')}) ${get('j')})`)}))))
      (local.set $j (i32.add ${get('j')} (i32.const 1)))
      (br $cols)))
    (local.set $r (i32.add ${get('r')} (i32.const 1)))
    (br $rows)))
  ;; $lda ≠ 0: A's rows are read in place, $lda bytes apart (only for full-height tiles).
  (if ${get('lda')}
    (then (call ${ukrRows} ${get('kc')} ${get('ap')} ${get('lda')} ${get('bp')} ${get('tile')} (i32.const ${nr * es}) (i32.const 1)))
    (else (call ${ukr} ${get('kc')} ${get('ap')} ${get('bp')} ${get('tile')} (i32.const ${nr * es}) (i32.const 1))))
  (local.set $r (i32.const 0))
  (block $endR2 (loop $rows2
    (br_if $endR2 (i32.ge_u ${get('r')} ${get('mr')}))
    (local.set $j (i32.const 0))
    (block $endC2 (loop $cols2
      (br_if $endC2 (i32.ge_u ${get('j')} ${get('nr')}))
      (${t}.store ${elt(get('c'), `(i32.add (i32.mul ${get('r')} ${get('ldc')}) ${get('j')})`)}
        (${t}.load ${elt(get('tile'), `(i32.add (i32.mul ${get('r')} (i32.const ${nr})) ${get('j')})`)}))
      (local.set $j (i32.add ${get('j')} (i32.const 1)))
      (br $cols2)))
    (local.set $r (i32.add ${get('r')} (i32.const 1)))
    (br $rows2))))
(func $${prefix}_pack_b (export "${prefix}_pack_b") (param $K i32) (param $N i32) (param $b i32) (param $rsB i32) (param $csB i32) (param $dst i32)
  ;; All of B in the layout the GEMM packs it in block by block: for each depth block of ${s.kc}
  ;; rows (at row pc, pc·Npad elements in), the ${nr}-column panels side by side, the last one
  ;; zero-padded; Npad = N rounded up to ${nr}. The GEMM reads it when given $pb.
  (local $pc i32) (local $npad i32)
  (local.set $npad (i32.mul (i32.div_u (i32.add ${get('N')} (i32.const ${nr - 1})) (i32.const ${nr})) (i32.const ${nr})))
  (block $end (loop $blocks
    (br_if $end (i32.ge_u ${get('pc')} ${get('K')}))
    (call $${prefix}_packB ${min(`(i32.const ${s.kc})`, `(i32.sub ${get('K')} ${get('pc')})`)} ${get('N')}
      ${elt(get('b'), `(i32.mul ${get('pc')} ${get('rsB')})`)} ${get('rsB')} ${get('csB')}
      ${elt(get('dst'), `(i32.mul ${get('pc')} ${get('npad')})`)})
    (local.set $pc (i32.add ${get('pc')} (i32.const ${s.kc})))
    (br $blocks))))
(func $${prefix}_gemm (export "${prefix}_gemm")
  (param $M i32) (param $N i32) (param $K i32) (param $a i32) (param $rsA i32) (param $csA i32)
  (param $b i32) (param $rsB i32) (param $csB i32) (param $c i32) (param $ldc i32) (param $acc i32) (param $work i32)
  (param $pb i32) (param $pcol i32) (param $npad i32)
  (local $jc i32) (local $nc i32) (local $pc i32) (local $kc i32) (local $ic i32) (local $mc i32)
  (local $jr i32) (local $ir i32) (local $mr i32) (local $nr i32) (local $accK i32) (local $cptr i32) (local $bp i32)
  (local $inPlace i32) (local $ap i32) (local $lda i32) (local $bpj i32)
  (local.set $bp (i32.add ${get('work')} (i32.const ${bpOff})))
  ;; A with unit stride along k (row-major X·W) is read in place: no packing of A, which a GEMM
  ;; split into column chunks would otherwise repeat in every chunk. Other A layouts are packed.
  (local.set $inPlace (i32.eq ${get('csA')} (i32.const 1)))
  (block $endJC (loop $jcL
    (br_if $endJC (i32.ge_u ${get('jc')} ${get('N')}))
    (local.set $nc ${min(`(i32.const ${s.nc})`, `(i32.sub ${get('N')} ${get('jc')})`)})
    (local.set $pc (i32.const 0))
    (block $endPC (loop $pcL
      (br_if $endPC (i32.ge_u ${get('pc')} ${get('K')}))
      (local.set $kc ${min(`(i32.const ${s.kc})`, `(i32.sub ${get('K')} ${get('pc')})`)})
      (local.set $accK (i32.or ${get('acc')} (i32.ne ${get('pc')} (i32.const 0))))
      ;; $pb ≠ 0: B was packed whole beforehand (${prefix}_pack_b); this call's column 0 is its column $pcol.
      (if (i32.eqz ${get('pb')}) (then (call $${prefix}_packB ${get('kc')} ${get('nc')}
        ${elt(get('b'), `(i32.add (i32.mul ${get('pc')} ${get('rsB')}) (i32.mul ${get('jc')} ${get('csB')}))`)}
        ${get('rsB')} ${get('csB')} ${get('bp')})))
      (local.set $ic (i32.const 0))
      (block $endIC (loop $icL
        (br_if $endIC (i32.ge_u ${get('ic')} ${get('M')}))
        (local.set $mc ${min(`(i32.const ${s.mc})`, `(i32.sub ${get('M')} ${get('ic')})`)})
        (if (i32.eqz ${get('inPlace')}) (then (call $${prefix}_packA ${get('mc')} ${get('kc')}
          ${elt(get('a'), `(i32.add (i32.mul ${get('ic')} ${get('rsA')}) (i32.mul ${get('pc')} ${get('csA')}))`)}
          ${get('rsA')} ${get('csA')} ${get('work')})))
        ;; A read in place: its last rows of the block, fewer than MR, are packed (zero-padded, so
        ;; nothing past A is read) once here for every column panel below.
        (if (i32.and ${get('inPlace')} (i32.ne (i32.rem_u ${get('mc')} (i32.const ${s.mr})) (i32.const 0)))
          (then (call $${prefix}_packA (i32.rem_u ${get('mc')} (i32.const ${s.mr})) ${get('kc')}
            ${elt(get('a'), `(i32.add (i32.mul (i32.sub (i32.add ${get('ic')} ${get('mc')}) (i32.rem_u ${get('mc')} (i32.const ${s.mr}))) ${get('rsA')}) ${get('pc')})`)}
            ${get('rsA')} ${get('csA')} ${get('work')})))
        (local.set $jr (i32.const 0))
        (block $endJR (loop $jrL
          (br_if $endJR (i32.ge_u ${get('jr')} ${get('nc')}))
          (local.set $nr ${min(`(i32.const ${nr})`, `(i32.sub ${get('nc')} ${get('jr')})`)})
          (local.set $ir (i32.const 0))
          (block $endIR (loop $irL
            (br_if $endIR (i32.ge_u ${get('ir')} ${get('mc')}))
            (local.set $mr ${min(`(i32.const ${s.mr})`, `(i32.sub ${get('mc')} ${get('ir')})`)})
            (local.set $cptr ${elt(get('c'), `(i32.add (i32.mul (i32.add ${get('ic')} ${get('ir')}) ${get('ldc')}) (i32.add ${get('jc')} ${get('jr')}))`)})
            (local.set $bpj (if (result i32) ${get('pb')}
              (then ${elt(get('pb'), `(i32.add (i32.mul ${get('pc')} ${get('npad')}) (i32.mul (i32.add ${get('pcol')} (i32.add ${get('jc')} ${get('jr')})) ${get('kc')}))`)})
              (else ${elt(get('bp'), `(i32.mul ${get('jr')} ${get('kc')})`)})))
            (local.set $lda (i32.const 0))
            (if ${get('inPlace')}
              (then
                (local.set $ap ${elt(get('a'), `(i32.add (i32.mul (i32.add ${get('ic')} ${get('ir')}) ${get('rsA')}) ${get('pc')})`)})
                (if (i32.eq ${get('mr')} (i32.const ${s.mr}))
                  (then (local.set $lda (i32.shl ${get('rsA')} (i32.const ${shift}))))
                  ;; The last rows of A, fewer than MR: packed above.
                  (else (local.set $ap ${get('work')}))))
              (else (local.set $ap ${elt(get('work'), `(i32.mul ${get('ir')} ${get('kc')})`)})))
            (if (i32.and (i32.eq ${get('mr')} (i32.const ${s.mr})) (i32.eq ${get('nr')} (i32.const ${nr})))
              (then (if ${get('lda')}
                (then (call ${ukrRows} ${get('kc')} ${get('ap')} ${get('lda')} ${get('bpj')} ${get('cptr')} (i32.shl ${get('ldc')} (i32.const ${shift})) ${get('accK')}))
                (else (call ${ukr} ${get('kc')} ${get('ap')} ${get('bpj')} ${get('cptr')} (i32.shl ${get('ldc')} (i32.const ${shift})) ${get('accK')}))))
              (else ${narrow.reduceRight(
                (rest, n) => `(if (i32.and (i32.eq ${get('mr')} (i32.const ${s.mr})) (i32.eq ${get('nr')} (i32.const ${n * lanes})))
                (then ${narrowCall(n, get('kc'), get('ap'), get('lda'), get('bpj'), get('cptr'), `(i32.shl ${get('ldc')} (i32.const ${shift}))`, get('accK'))})
                (else ${rest}))`,
                `(call $${prefix}_edge ${get('kc')} ${get('ap')} ${get('lda')} ${get('bpj')} ${get('cptr')} ${get('ldc')} ${get('accK')}
                ${get('mr')} ${get('nr')} (i32.add ${get('work')} (i32.const ${tileOff})))`,
              )}))
            (local.set $ir (i32.add ${get('ir')} (i32.const ${s.mr})))
            (br $irL)))
          (local.set $jr (i32.add ${get('jr')} (i32.const ${nr})))
          (br $jrL)))
        (local.set $ic (i32.add ${get('ic')} (i32.const ${s.mc})))
        (br $icL)))
      (local.set $pc (i32.add ${get('pc')} (i32.const ${s.kc})))
      (br $pcL)))
    (local.set $jc (i32.add ${get('jc')} (i32.const ${s.nc})))
    (br $jcL))))
`;
}

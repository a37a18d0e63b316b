"""Train the Vietnamese text restorer offline and write its data files.

Writes src/cchc/ingest/restore/data/{lm.csv.gz, channel.csv.gz, model.json}:
- lm: a Kneser-Ney trigram model over lower-case syllables (backoff form),
- channel: what Tesseract's English model makes of each syllable (token table) and of each
  letter (letter table), learned from clean text rendered to images and read back,
then packs them into tables.bin, the file cchc reads (scripts/pack_restorer.py).

Rerun (10–40 minutes on 2 cores; OCR pages are cached in --work, so later runs are fast):

    pip download --no-deps underthesea==9.5.0 pyvi==0.1.1 -d /tmp/wheels
    .venv/bin/python scripts/train_restorer.py --wheels /tmp/wheels --work /tmp/restorer-work

Needs tesseract with `eng` and fonts-liberation2 / fonts-dejavu (scripts/install-system-deps.sh).
`--heldout-all --out DIR` trains a language model that has seen nothing of the Bắc Giang
sample (for the benchmark's whole-sample figure: `python -m cchc.bench.restore --model DIR`);
its OCR channel is learned from the same renderings as the shipped one (which include lines
1..258 of the sample as images: the channel learns letter damage, not wording).
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent / "restorer_corpus"))

import channel_build
import lm_build
import ocr_pairs
import sources
from pack_restorer import pack_folder

DATA = sources.ROOT / "src/cchc/ingest/restore/data"


def _args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--wheels", type=Path, default=Path("/tmp/wheels"))
    parser.add_argument("--work", type=Path, default=Path("/tmp/restorer-work"))
    parser.add_argument("--shared", type=Path, default=sources.ROOT.parent / "shared")
    parser.add_argument("--out", type=Path, default=DATA)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--heldout-all", action="store_true", help="train without Bắc Giang")
    parser.add_argument("--templates", type=int, default=12000)
    parser.add_argument("--ocr-word-lines", type=int, default=3000)
    return parser.parse_args()


def ocr_blocks(args: argparse.Namespace, words: list[str], triples: list) -> list[list[str]]:
    """Blocks of clean lines to render and OCR: the first mixes every source, then one block
    per later hand-written file (so new files add pages without changing the others)."""
    files = sources.corpus_files()
    blocks = [ocr_training_lines(args, words, triples, files[: sources.BASE_FILES])]
    for index, path in enumerate(files[sources.BASE_FILES :]):
        rng = random.Random(index)
        lines = sources.wrap(sources.hand_written([path]) * 2, seed=index)
        lines += [line.upper() for line in rng.sample(lines, len(lines) // 12)]
        rng.shuffle(lines)
        blocks.append(lines)
    return blocks


def ocr_training_lines(
    args: argparse.Namespace, words: list[str], triples: list, files: list[Path]
) -> list[str]:
    """Clean lines to render and OCR (headings in capitals too)."""
    rng = random.Random(17)
    texts = sources.hand_written(files) * 2 + sources.templates(triples, 2500, seed=99)
    texts += sources.domain_lines(args.shared) + sources.bac_giang(args.shared, "train")
    lines = sources.wrap(texts)
    lines += sources.word_lines(words, args.ocr_word_lines)
    lines += rng.sample(sources.unit_lines(triples), 800)
    lines += [line.upper() for line in rng.sample(lines, len(lines) // 12)]
    rng.shuffle(lines)
    return lines


def lm_training_text(args: argparse.Namespace, triples: list) -> list[str]:
    """Sentences the language model counts."""
    texts = sources.hand_written() * 3 + sources.templates(triples, args.templates, seed=7)
    texts += sources.domain_lines(args.shared) + sources.unit_lines(triples)
    if not args.heldout_all:
        texts += sources.bac_giang(args.shared, "train") * 2
    return texts


def main() -> int:
    args = _args()
    started = time.time()
    triples = sources.unit_triples()
    words = sources.word_list(args.wheels)
    if not words:
        sys.exit(f"no word lists found in {args.wheels} (see the docstring)")
    blocks = ocr_blocks(args, words, triples)
    print(f"OCR of {sum(map(len, blocks))} lines …", flush=True)
    pages = ocr_pairs.ocr_lines(blocks, args.work / "pages", workers=args.workers)
    pairs = [pair for clean, ocr in pages for pair in ocr_pairs.page_pairs(clean, ocr)]
    print(f"{len(pairs)} aligned token pairs ({time.time() - started:.0f} s)", flush=True)
    args.out.mkdir(parents=True, exist_ok=True)
    texts = lm_training_text(args, triples)
    vocab = lm_build.build(texts, words, args.out / "lm.csv.gz")
    channel_build.build(pairs, vocab, args.out / "channel.csv.gz")
    lm_build.write_meta(
        args.out / "model.json",
        heldout_all=args.heldout_all,
        pairs=len(pairs),
        sentences=len(texts),
        seconds=round(time.time() - started),
    )
    pack_folder(args.out)
    print(f"done in {time.time() - started:.0f} s → {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

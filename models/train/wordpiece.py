"""BERT-style WordPiece tokenizer: normalizer, pre-tokenizer, greedy longest-match encoder,
a BPE-style vocabulary learner, and the Hugging Face tokenizer.json writer.

It mirrors what transformers.js does with the tokenizer.json we write (BertNormalizer with
lowercase and no accent stripping, BertPreTokenizer, WordPiece with "##"), so ids match
between training (here) and inference (lib/classify/classifier.ts); tests/tokenizer_parity_test.ts
pins that.
"""
import collections
import heapq
import json
import unicodedata

SPECIALS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]
PAD, UNK, CLS, SEP, MASK = range(5)
MAX_CHARS_PER_WORD = 100


def _is_control(ch):
    if ch in "\t\n\r":
        return False
    return unicodedata.category(ch).startswith("C")


def _is_whitespace(ch):
    return ch in " \t\n\r" or unicodedata.category(ch) == "Zs"


def _is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF
            or 0x2A700 <= cp <= 0x2B73F or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF
            or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def _is_punct(ch):
    cp = ord(ch)
    if 33 <= cp <= 47 or 58 <= cp <= 64 or 91 <= cp <= 96 or 123 <= cp <= 126:
        return True
    return unicodedata.category(ch).startswith("P")


def normalize(text):
    """BertNormalizer(clean_text, handle_chinese_chars, strip_accents=False, lowercase)."""
    out = []
    for ch in text:
        cp = ord(ch)
        if cp == 0 or cp == 0xFFFD or _is_control(ch):
            continue
        if _is_whitespace(ch):
            out.append(" ")
        elif _is_cjk(cp):
            out.append(f" {ch} ")
        else:
            out.append(ch)
    return "".join(out).lower()


def pre_tokenize(text):
    """BertPreTokenizer: split on whitespace, then every punctuation character alone."""
    words = []
    for chunk in text.split():
        cur = []
        for ch in chunk:
            if _is_punct(ch):
                if cur:
                    words.append("".join(cur))
                    cur = []
                words.append(ch)
            else:
                cur.append(ch)
        if cur:
            words.append("".join(cur))
    return words


class WordPiece:
    """Greedy longest-match-first WordPiece over a fixed vocabulary."""

    def __init__(self, vocab):
        self.vocab = vocab
        self.ids = {t: i for i, t in enumerate(vocab)}
        self.cache = {}

    def word_ids(self, word):
        hit = self.cache.get(word)
        if hit is not None:
            return hit
        if len(word) > MAX_CHARS_PER_WORD:
            return [UNK]
        ids, start = [], 0
        while start < len(word):
            end, cur = len(word), None
            while start < end:
                piece = word[start:end] if start == 0 else "##" + word[start:end]
                if piece in self.ids:
                    cur = self.ids[piece]
                    break
                end -= 1
            if cur is None:
                ids = [UNK]
                break
            ids.append(cur)
            start = end
        if len(self.cache) < 500_000:
            self.cache[word] = ids
        return ids

    def encode(self, text):
        """Token ids of `text` without [CLS]/[SEP]."""
        out = []
        for w in pre_tokenize(normalize(text)):
            out.extend(self.word_ids(w))
        return out


def frame(ids, max_len, tail):
    """[CLS] ids [SEP], cutting the middle out of long inputs: the first
    (max_len - 2 - tail) ids and the last `tail` ids are kept. Returns (ids, truncated)."""
    room = max_len - 2
    if len(ids) <= room:
        return [CLS] + ids + [SEP], False
    return [CLS] + ids[: room - tail] + ids[len(ids) - tail:] + [SEP], True


def learn_vocab(texts, size, min_freq=2):
    """Learns a WordPiece vocabulary with BPE merges over word counts (the way the HF
    WordPiece trainer does): start from characters ("##" marks non-initial ones), merge the
    most frequent adjacent pair until `size` tokens exist."""
    counts = collections.Counter()
    for t in texts:
        counts.update(pre_tokenize(normalize(t)))
    words = [(w, c) for w, c in counts.items() if c >= min_freq and len(w) <= MAX_CHARS_PER_WORD]
    alphabet = collections.Counter()
    for w, c in counts.items():
        for i, ch in enumerate(w[:MAX_CHARS_PER_WORD]):
            alphabet[ch if i == 0 else "##" + ch] += c
    vocab = list(SPECIALS) + [t for t, c in alphabet.most_common() if c >= min_freq]
    vocab_set = set(vocab)
    seqs = [[ch if i == 0 else "##" + ch for i, ch in enumerate(w)] for w, _ in words]
    freqs = [c for _, c in words]
    pairs = collections.Counter()
    where = collections.defaultdict(set)
    for wi, s in enumerate(seqs):
        for a, b in zip(s, s[1:]):
            pairs[(a, b)] += freqs[wi]
            where[(a, b)].add(wi)
    heap = [(-c, p) for p, c in pairs.items()]
    heapq.heapify(heap)
    while len(vocab) < size and heap:
        negc, (a, b) = heapq.heappop(heap)
        c = pairs.get((a, b), 0)
        if c != -negc:
            continue  # stale entry: the pair's count changed since it was pushed
        if c < min_freq:
            break
        merged = a + b[2:]
        touched = set()
        for wi in list(where.pop((a, b), ())):
            s, f = seqs[wi], freqs[wi]
            for x, y in zip(s, s[1:]):
                pairs[(x, y)] -= f
                where[(x, y)].discard(wi)
                touched.add((x, y))
            i, out = 0, []
            while i < len(s):
                if i + 1 < len(s) and s[i] == a and s[i + 1] == b:
                    out.append(merged)
                    i += 2
                else:
                    out.append(s[i])
                    i += 1
            seqs[wi] = out
            for x, y in zip(out, out[1:]):
                pairs[(x, y)] += f
                where[(x, y)].add(wi)
                touched.add((x, y))
        pairs.pop((a, b), None)
        for p in touched:
            if p == (a, b):
                continue
            if pairs.get(p, 0) > 0:
                heapq.heappush(heap, (-pairs[p], p))
            else:
                pairs.pop(p, None)
                where.pop(p, None)
        if merged not in vocab_set:
            vocab.append(merged)
            vocab_set.add(merged)
    return vocab


def tokenizer_json(vocab, max_len):
    """The Hugging Face tokenizer.json for `vocab` (what transformers.js loads)."""
    added = [{"id": i, "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for i, t in enumerate(SPECIALS)]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": False, "lowercase": True},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                       {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}},
                     {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}},
                     {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [i], "tokens": [t]}
                               for i, t in enumerate(SPECIALS) if t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": MAX_CHARS_PER_WORD,
                  "vocab": {t: i for i, t in enumerate(vocab)}},
    }


def tokenizer_config(max_len):
    return {"tokenizer_class": "DistilBertTokenizer", "do_lower_case": True,
            "model_max_length": max_len, "unk_token": "[UNK]", "sep_token": "[SEP]",
            "pad_token": "[PAD]", "cls_token": "[CLS]", "mask_token": "[MASK]",
            "clean_up_tokenization_spaces": True}


def save_tokenizer(vocab, max_len, out_dir):
    with open(f"{out_dir}/tokenizer.json", "w") as f:
        json.dump(tokenizer_json(vocab, max_len), f, ensure_ascii=False)
    with open(f"{out_dir}/tokenizer_config.json", "w") as f:
        json.dump(tokenizer_config(max_len), f, indent=2)
    with open(f"{out_dir}/vocab.txt", "w") as f:
        f.write("\n".join(vocab) + "\n")


def load_vocab(model_dir):
    with open(f"{model_dir}/tokenizer.json") as f:
        v = json.load(f)["model"]["vocab"]
    return [t for t, _ in sorted(v.items(), key=lambda kv: kv[1])]

"""A DistilBERT-architecture sequence classifier in plain PyTorch (trained from scratch).

Parameter layout and config keys follow Hugging Face's DistilBERT (embeddings with learned
positions and LayerNorm; blocks of multi-head self-attention + sa_layer_norm and a GELU
FFN + output_layer_norm, post-norm; pre_classifier + ReLU + classifier on [CLS]), so the
exported ONNX and config.json are what transformers.js expects of `model_type: distilbert`.
"""
import math

import torch
from torch import nn


def default_config(vocab_size, labels, max_len, tail):
    return {
        "model_type": "distilbert",
        "architectures": ["DistilBertForSequenceClassification"],
        "vocab_size": vocab_size,
        "dim": 128,
        "n_layers": 2,
        "n_heads": 4,
        "hidden_dim": 256,
        "max_position_embeddings": max_len,
        "dropout": 0.1,
        "attention_dropout": 0.1,
        "seq_classif_dropout": 0.1,
        "activation": "gelu",
        "initializer_range": 0.02,
        "pad_token_id": 0,
        "sinusoidal_pos_embds": False,
        "tie_weights_": True,
        "id2label": {str(i): l for i, l in enumerate(labels)},
        "label2id": {l: i for i, l in enumerate(labels)},
        "problem_type": "single_label_classification",
        "insyt_tail_tokens": tail,
        "insyt_benign_threshold": 0.6,
    }


class Block(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d, self.h = cfg["dim"], cfg["n_heads"]
        self.q_lin, self.k_lin, self.v_lin, self.out_lin = (nn.Linear(d, d) for _ in range(4))
        self.sa_layer_norm = nn.LayerNorm(d, eps=1e-12)
        self.lin1 = nn.Linear(d, cfg["hidden_dim"])
        self.lin2 = nn.Linear(cfg["hidden_dim"], d)
        self.output_layer_norm = nn.LayerNorm(d, eps=1e-12)
        self.drop = nn.Dropout(cfg["dropout"])
        self.attn_drop = nn.Dropout(cfg["attention_dropout"])

    def forward(self, x, bias, cls_only=False):
        """Hidden states after the block; with `cls_only`, only the [CLS] position's.

        The classifier reads [CLS] alone, so the last block needs no query, output
        projection, FFN or LayerNorm for the other positions (only their keys and values):
        the same result for [CLS], about 40% fewer operations for the whole model.
        """
        b, t, d = x.shape
        hd = d // self.h

        def heads(lin, inp):
            return lin(inp).view(b, inp.shape[1], self.h, hd).transpose(1, 2)

        x_q = x[:, :1] if cls_only else x
        q, k, v = heads(self.q_lin, x_q), heads(self.k_lin, x), heads(self.v_lin, x)
        scores = (q / math.sqrt(hd)) @ k.transpose(-1, -2) + bias
        ctx = self.attn_drop(scores.softmax(-1)) @ v
        ctx = ctx.transpose(1, 2).reshape(b, x_q.shape[1], d)
        x = self.sa_layer_norm(x_q + self.drop(self.out_lin(ctx)))
        ff = self.lin2(nn.functional.gelu(self.lin1(x)))
        return self.output_layer_norm(x + self.drop(ff))


class DistilBertClassifier(nn.Module):
    def __init__(self, cfg):
        super().__init__()
        d = cfg["dim"]
        self.word_embeddings = nn.Embedding(cfg["vocab_size"], d, padding_idx=cfg["pad_token_id"])
        self.position_embeddings = nn.Embedding(cfg["max_position_embeddings"], d)
        self.emb_norm = nn.LayerNorm(d, eps=1e-12)
        self.emb_drop = nn.Dropout(cfg["dropout"])
        self.blocks = nn.ModuleList(Block(cfg) for _ in range(cfg["n_layers"]))
        self.pre_classifier = nn.Linear(d, d)
        self.classifier = nn.Linear(d, len(cfg["id2label"]))
        self.cls_drop = nn.Dropout(cfg["seq_classif_dropout"])
        self.apply(lambda m: _init(m, cfg["initializer_range"]))

    def _run(self, input_ids, attention_mask, cls_only):
        t = input_ids.shape[1]
        pos = torch.arange(t, device=input_ids.device).unsqueeze(0)
        x = self.emb_drop(self.emb_norm(self.word_embeddings(input_ids) + self.position_embeddings(pos)))
        bias = (1.0 - attention_mask[:, None, None, :].to(x.dtype)) * torch.finfo(x.dtype).min
        for i, blk in enumerate(self.blocks):
            x = blk(x, bias, cls_only=cls_only and i == len(self.blocks) - 1)
        return x

    def encode(self, input_ids, attention_mask):
        """Hidden state of [CLS] after the last block."""
        return self._run(input_ids, attention_mask, True)[:, 0]

    def hidden_states(self, input_ids, attention_mask):
        """Every position's hidden state after the last block (masked-token pretraining)."""
        return self._run(input_ids, attention_mask, False)

    def forward(self, input_ids, attention_mask):
        h = self.encode(input_ids, attention_mask)
        h = self.cls_drop(torch.relu(self.pre_classifier(h)))
        return self.classifier(h)


def _init(m, std):
    if isinstance(m, (nn.Linear, nn.Embedding)):
        nn.init.normal_(m.weight, std=std)
    if isinstance(m, nn.Linear) and m.bias is not None:
        nn.init.zeros_(m.bias)
    if isinstance(m, nn.Embedding) and m.padding_idx is not None:
        with torch.no_grad():
            m.weight[m.padding_idx].zero_()

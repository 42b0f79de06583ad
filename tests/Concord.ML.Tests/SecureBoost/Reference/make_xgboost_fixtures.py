#!/usr/bin/python3
"""Reference trees for SecureBoost's losslessness, grown by XGBoost (not by our code).

Run by hand with Debian's python3-xgboost 1.7.4 (`apt-get install python3-xgboost`); the JSON it writes is
committed beside it, so the tests need no Python. From the repository root:

    /usr/bin/python3 tests/Concord.ML.Tests/SecureBoost/Reference/make_xgboost_fixtures.py

XGBoost is given the *bin codes* of each feature, binned by the rule BinnedFeatures documents (written again here,
independently): every distinct value but the largest when there are at most max_bin of them, else the values at
ranks ceil(i*n/max_bin), i = 1 .. max_bin-1, deduplicated and below the largest; a value's code is the number of
cuts below it. With max_bin 256 XGBoost's hist method gives every code its own bin, so both libraries choose among
the same candidate splits, and the trees must agree. Differences left, and how the test handles them:
  * XGBoost's split condition c sends a row left when code < c; ours, when code <= bin. So bin = ceil(c) - 1.
  * base_score: XGBoost takes it in probability space for binary:logistic; we start from logit(mean y), so the
    fixture sets base_score = mean(y) (and mean(y) for squared error).
  * XGBoost keeps gradients in float32 and leaf values in float32; ours are doubles (gradient sums quantized at
    2^-40 of the largest |g|). Leaf values therefore agree to about 1e-6, not to the bit.
"""
import csv, json, math, os, sys
import numpy as np
import xgboost as xgb

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "..", "..", "..", "..", "examples", "data")
MAX_BIN = 32


def read(name, label=None):
    with open(os.path.join(DATA, name)) as f:
        rows = list(csv.reader(f))
    header, body = rows[0], rows[1:]
    cols = [c for c in range(1, len(header)) if header[c] != label]
    y = None if label is None else np.array([float(r[header.index(label)]) for r in body])
    x = np.array([[float(r[c]) for c in cols] for r in body])
    return [r[0] for r in body], [header[c] for c in cols], x, y


def codes(column, max_bin):
    present = np.sort(column)
    distinct = np.unique(present)
    if len(distinct) <= max_bin:
        cuts = list(distinct[:-1])
    else:
        n, cuts = len(present), []
        for i in range(1, max_bin):
            cut = present[-(-i * n // max_bin) - 1]
            if cut < present[-1] and (not cuts or cut > cuts[-1]):
                cuts.append(cut)
    return np.searchsorted(np.array(cuts), column, side="left").astype(float)


def fixture(name, guest, host, label, objective, trees, depth):
    gids, gnames, gx, y = read(guest, label)
    hids, hnames, hx, _ = read(host)
    assert gids == hids, "guest and host rows must be in the same id order"
    x = np.hstack([gx, hx])
    binned = np.column_stack([codes(x[:, j], MAX_BIN) for j in range(x.shape[1])])
    params = {
        "objective": objective, "tree_method": "hist", "max_bin": 256, "max_depth": depth, "eta": 0.3,
        "lambda": 1.0, "alpha": 0.0, "gamma": 0.0, "min_child_weight": 1.0, "subsample": 1.0,
        "colsample_bytree": 1.0, "grow_policy": "depthwise", "base_score": float(np.mean(y)), "nthread": 1, "seed": 0,
    }
    booster = xgb.train(params, xgb.DMatrix(binned, label=y), num_boost_round=trees)
    model = json.loads(booster.save_raw("json"))
    out = {
        "generator": f"xgboost {xgb.__version__}, {os.path.basename(__file__)}",
        "guest": guest, "host": host, "label": label, "max_bin": MAX_BIN, "params": params,
        "features": gnames + hnames, "guest_features": len(gnames),
        "trees": [
            {k: t[k] for k in ("left_children", "right_children", "split_indices", "split_conditions", "default_left")}
            for t in model["learner"]["gradient_booster"]["model"]["trees"]
        ],
        "margins": [float(m) for m in booster.predict(xgb.DMatrix(binned), output_margin=True)],
    }
    with open(os.path.join(HERE, name), "w") as f:
        json.dump(out, f, indent=None, separators=(",", ":"))
        f.write("\n")
    print(name, len(out["trees"]), "trees")


fixture("xgboost_breast_binary.json", "breast_hetero_guest.csv", "breast_hetero_host.csv", "y", "binary:logistic", 5, 3)
fixture("xgboost_motor_l2.json", "motor_hetero_guest.csv", "motor_hetero_host.csv", "motor_speed", "reg:squarederror", 5, 4)

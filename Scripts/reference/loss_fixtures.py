"""Reference values for dmlx's losses and miners from pytorch-metric-learning 2.9.

Run with /opt/refenv/bin/python Scripts/reference/loss_fixtures.py; writes
Tests/DMLXEngineTests/Fixtures/losses/pml_reference.json. Not run by CI: the JSON is
committed and the Swift tests compare against it.

Everything runs in float64 so that the comparison (1e-5 relative) tests the formulas,
not float32 rounding. A fixed batch of 16 embeddings in 4 dimensions, 4 classes of 4.
"""
import json
import pathlib

import torch
from pytorch_metric_learning import distances, losses, miners

torch.manual_seed(20260125)
torch.set_default_dtype(torch.float64)

embeddings = torch.randn(16, 4)
labels = torch.tensor([0, 1, 2, 3] * 4)
proxies = torch.randn(4, 4)


def indices(tuple_):
    return [t.tolist() for t in tuple_]


def evaluate(loss, tuples=None):
    x = embeddings.clone().requires_grad_(True)
    value = loss(x, labels, tuples)
    value.backward()
    return {"value": value.item(), "gradient": x.grad.tolist()}


def distance_case(distance):
    x = embeddings.clone().requires_grad_(True)
    matrix = distance(x)
    # A fixed, asymmetric upstream gradient exercises both sides of the backward pass.
    upstream = torch.arange(matrix.numel()).reshape(matrix.shape) % 7 - 3.0
    (matrix * upstream).sum().backward()
    return {"matrix": matrix.tolist(), "upstream": upstream.tolist(), "gradient": x.grad.tolist()}


cases = {}
cases["contrastive"] = evaluate(losses.ContrastiveLoss())
cases["triplet_all_margin_0.2"] = evaluate(losses.TripletMarginLoss(margin=0.2))

semihard = miners.TripletMarginMiner(margin=0.2, type_of_triplets="semihard")(embeddings, labels)
cases["triplet_semihard_margin_0.2"] = evaluate(losses.TripletMarginLoss(margin=0.2), semihard)
cases["triplet_semihard_margin_0.2"]["triplets"] = indices(semihard)

batch_hard = miners.BatchHardMiner()(embeddings, labels)
cases["triplet_batch_hard_margin_0.2"] = evaluate(losses.TripletMarginLoss(margin=0.2), batch_hard)
cases["triplet_batch_hard_margin_0.2"]["triplets"] = indices(batch_hard)

for kind in ["all", "hard", "easy"]:
    mined = miners.TripletMarginMiner(margin=0.2, type_of_triplets=kind)(embeddings, labels)
    cases[f"triplet_margin_miner_{kind}"] = {"triplets": indices(mined)}

proxy_nca = losses.ProxyNCALoss(num_classes=4, embedding_size=4)
with torch.no_grad():
    proxy_nca.proxies.copy_(proxies)
cases["proxy_nca"] = evaluate(proxy_nca)
cases["proxy_nca"]["proxy_gradient"] = proxy_nca.proxies.grad.tolist()

cases["multi_similarity"] = evaluate(losses.MultiSimilarityLoss())
ms_pairs = miners.MultiSimilarityMiner(epsilon=0.1)(embeddings, labels)
cases["multi_similarity_mined"] = evaluate(losses.MultiSimilarityLoss(), ms_pairs)
cases["multi_similarity_mined"]["pairs"] = indices(ms_pairs)

proxy_anchor = losses.ProxyAnchorLoss(num_classes=4, embedding_size=4)
with torch.no_grad():
    proxy_anchor.proxies.copy_(proxies)
cases["proxy_anchor"] = evaluate(proxy_anchor)
cases["proxy_anchor"]["proxy_gradient"] = proxy_anchor.proxies.grad.tolist()
proxy_anchor.proxies.grad = None
cases["proxy_anchor_semihard"] = evaluate(proxy_anchor, semihard)
cases["proxy_anchor_semihard"]["proxy_gradient"] = proxy_anchor.proxies.grad.tolist()

normalized_softmax = losses.NormalizedSoftmaxLoss(num_classes=4, embedding_size=4)
with torch.no_grad():
    normalized_softmax.W.copy_(proxies.t())
cases["normalized_softmax"] = evaluate(normalized_softmax)
cases["normalized_softmax"]["proxy_gradient"] = normalized_softmax.W.grad.t().tolist()
normalized_softmax.W.grad = None
cases["normalized_softmax_semihard"] = evaluate(normalized_softmax, semihard)
cases["normalized_softmax_semihard"]["proxy_gradient"] = normalized_softmax.W.grad.t().tolist()

cases["ntxent"] = evaluate(losses.NTXentLoss())
cases["ntxent_semihard"] = evaluate(losses.NTXentLoss(), semihard)
cases["n_pairs"] = evaluate(losses.NPairsLoss())
cases["n_pairs_semihard"] = evaluate(losses.NPairsLoss(), semihard)
cases["lifted_structure"] = evaluate(losses.LiftedStructureLoss())
cases["lifted_structure_semihard"] = evaluate(losses.LiftedStructureLoss(), semihard)

cases["histogram"] = evaluate(losses.HistogramLoss())
cases["histogram_semihard"] = evaluate(losses.HistogramLoss(n_bins=10), semihard)

# PML's SmoothAPLoss needs each class in one contiguous block of equal size: the same
# batch, rows taken in the order "order".
order = torch.argsort(labels, stable=True)
x = embeddings[order].clone().requires_grad_(True)
value = losses.SmoothAPLoss()(x, labels[order])
value.backward()
cases["smooth_ap"] = {"value": value.item(), "gradient": x.grad.tolist(), "order": order.tolist()}

cases["lp_distance"] = distance_case(distances.LpDistance())
cases["lp_distance_power_2"] = distance_case(distances.LpDistance(power=2))
cases["cosine_similarity"] = distance_case(distances.CosineSimilarity())
cases["dot_product_unnormalized"] = distance_case(distances.DotProductSimilarity(normalize_embeddings=False))

fixture = {
    "source": "pytorch-metric-learning 2.9.0, float64, Scripts/reference/loss_fixtures.py",
    "embeddings": embeddings.tolist(),
    "labels": labels.tolist(),
    "proxies": proxies.tolist(),
    "cases": cases,
}
out = pathlib.Path(__file__).resolve().parents[2] / "Tests/DMLXEngineTests/Fixtures/losses/pml_reference.json"
out.write_text(json.dumps(fixture, indent=1) + "\n")
print("wrote", out)
for name, case in cases.items():
    if "value" in case:
        print(f"{name}: {case['value']:.10f}", {k: len(v[0]) for k, v in case.items() if k in ("triplets", "pairs")})

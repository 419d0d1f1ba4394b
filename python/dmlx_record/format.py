"""The run-directory format, version 1 (read by `dmlx watch`, `dmlx view` and `dmlx eval`).

A run directory holds one subdirectory per run, named by the run::

    DIR/<name>/run.json             {"format": "dmlx-run", "version": 1, "name", "config",
                                      "created"}          written once, renamed into place
    DIR/<name>/batches.jsonl        one line per batch {"epoch", "batch", "loss", "time"},
                                      appended and flushed line by line; a reader ignores a
                                      last line without its newline
    DIR/<name>/epochs/000003/       one directory per recorded epoch, written under a
                                      hidden temporary name and renamed into place whole:
        record.json                 {"epoch", "time", "loss"?, "statistics"}
        embeddings.npy              n × d float32, the test split's embeddings
        labels.npy                  n int64
        proxies.npy                 c × d float32, optional (proxy-based losses)
        proxy_labels.npy            c int64, optional
    DIR/<name>/closed.json          {"time", "epochs"}: the writer has finished

"time" is Unix seconds. A run without closed.json whose files have not changed for a
while is one whose writer stopped (a reader says "stalled"). Names are those a file
system allows in one path component, without a leading dot.
"""
FORMAT = "dmlx-run"
VERSION = 1

RUN_FILE = "run.json"
BATCHES_FILE = "batches.jsonl"
EPOCHS_DIRECTORY = "epochs"
RECORD_FILE = "record.json"
CLOSED_FILE = "closed.json"


def epoch_directory_name(epoch: int) -> str:
    """The directory of `epoch` under `epochs/`: six digits, so names sort as numbers."""
    return "%06d" % epoch

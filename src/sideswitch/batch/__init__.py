"""Ingest beyond one process: inputs cut into partitions, extracted on a Dask cluster.

``sideswitch ingest PATHS --workers N`` (a local cluster) or ``--scheduler
tcp://host:8786`` (an existing one) runs :func:`.dask.ingest_distributed`.
Dask is the optional extra ``sideswitch[dask]`` and is imported only there.
"""

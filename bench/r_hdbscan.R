# R side of bench/hdbscan.bench.ts: R dbscan's hdbscan on a raw little-endian float64 file of rows x cols,
# timed around the hdbscan() call only. Writes the labels (int32, -1 = noise) next to the input and prints one
# JSON line: ms, clusters, noise, dbscan version.
# Usage: Rscript bench/r_hdbscan.R FILE COLS MINPTS
suppressMessages(library(dbscan))
a <- commandArgs(trailingOnly = TRUE)
path <- a[1]; cols <- as.integer(a[2]); minPts <- as.integer(a[3])
n <- file.size(path) / 8
x <- matrix(readBin(path, "double", n = n, size = 8, endian = "little"), ncol = cols, byrow = TRUE)
t <- system.time(h <- hdbscan(x, minPts = minPts))[["elapsed"]]
writeBin(as.integer(h$cluster - 1L), paste0(path, ".r_labels"), size = 4, endian = "little")
cat(sprintf('{"ms": %.1f, "clusters": %d, "noise": %d, "dbscan": "%s"}\n', 1000 * t, max(h$cluster),
            sum(h$cluster == 0), as.character(packageVersion("dbscan"))))

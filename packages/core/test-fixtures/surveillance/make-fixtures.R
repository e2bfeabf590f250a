# Reference outputs of R `surveillance` for the TypeScript detectors in packages/core/src/surveillance.
#
# Run from the repository root (needs the Debian packages r-base-core, r-cran-surveillance, r-cran-jsonlite):
#   Rscript packages/core/test-fixtures/surveillance/make-fixtures.R
# It rewrites the *.json files beside this script. The tests only read the JSON, so they never need R.
#
# Conventions of the JSON (one file per algorithm, an array of cases):
#   observed  counts (NA -> null), population (optional), frequency (52 | 12 | 365)
#   range     0-based inclusive [from, to] indices of the evaluated points (R uses 1-based from+1..to+1)
#   params    the TypeScript params, named like R's control list
#   r         R's upperbound / alarm / expected for each range point (NA/NaN -> null; absent when R gives none)
suppressPackageStartupMessages({
  library(surveillance)
  library(jsonlite)
})

args <- commandArgs(trailingOnly = FALSE)
scriptPath <- sub("^--file=", "", args[grep("^--file=", args)])
outDir <- if (length(scriptPath) == 1) dirname(normalizePath(scriptPath)) else "."

set.seed(20240601)

num <- function(x) {
  x <- as.numeric(x)
  x[!is.finite(x)] <- NA
  x
}
lgl <- function(x) as.logical(x)

writeCases <- function(cases, file) {
  json <- toJSON(cases, auto_unbox = TRUE, digits = NA, na = "null", null = "null", pretty = FALSE)
  writeLines(json, file.path(outDir, file))
  cat("wrote", file, length(cases), "cases\n")
}

mkCase <- function(name, algorithm, observed, range1, params, r, frequency = 52, population = NULL) {
  if (length(params) == 0) params <- setNames(list(), character(0)) # JSON {} rather than []
  cs <- list(
    name = name, algorithm = algorithm, frequency = frequency,
    observed = num(observed), range = c(min(range1), max(range1)) - 1L,
    params = params, r = r
  )
  if (!is.null(population)) cs$population <- num(population)
  cs
}

# ---------------------------------------------------------------- data sets
data(salmonella.agona)
data(ha)
data(shadar)
salm <- as.numeric(salmonella.agona$observed)
haTotal <- as.numeric(rowSums(ha$observed))
haFrkr <- as.numeric(ha$observed[, "frkr"])
shad <- as.numeric(shadar$observed)

# Synthetic: seasonal Poisson counts with a linear trend (trend kept by the Farrington rules)
nSyn <- 312
tSyn <- 1:nSyn
trendSeries <- rpois(nSyn, exp(1.0 + 0.006 * tSyn + 0.5 * sin(2 * pi * tSyn / 52)))
# Synthetic: population growing 60%, incidence constant -> counts follow population
popSyn <- round(100000 * (1 + 0.6 * tSyn / nSyn))
popSeries <- rpois(nSyn, popSyn * 4e-5 * exp(0.4 * cos(2 * pi * tSyn / 52)))
popSeries[300:304] <- popSeries[300:304] + c(6, 10, 14, 9, 5)
# Edge: all-zero baseline, then a small outbreak at the end
zeroSeries <- c(rep(0, 300), 0, 0, 1, 3, 6, 2, 0, 0, 4, 0, 0, 0)
# Edge: all-zero series
allZero <- rep(0, 312)
# Edge: missing observations (NA) inside the baselines
naSeries <- salm
naSeries[c(10:14, 60, 61, 113:120, 210, 262:263)] <- NA
# Edge: a short series (70 weeks)
shortSeries <- salm[1:70]

toSts <- function(obs, freq = 52, population = NULL) {
  if (is.null(population)) {
    sts(observed = matrix(obs, ncol = 1), frequency = freq, start = c(2000, 1))
  } else {
    sts(observed = matrix(obs, ncol = 1), frequency = freq, start = c(2000, 1),
        population = matrix(population, ncol = 1))
  }
}
toDisProg <- function(obs, freq = 52) suppressWarnings({
  create.disProg(week = seq_along(obs), observed = obs, state = rep(0, length(obs)),
                 freq = freq, start = c(2000, 1))
})

# ---------------------------------------------------------------- farringtonFlexible
ffCase <- function(name, obs, range1, params, population = NULL, freq = 52) {
  ctl <- params
  ctl$range <- range1
  ctl$glmWarnings <- FALSE
  if (!is.null(ctl$limit54)) ctl$limit54 <- as.numeric(ctl$limit54)
  res <- suppressWarnings(farringtonFlexible(toSts(obs, freq, population), control = ctl))
  mkCase(name, "farrington-flexible", obs, range1, params, list(
    upperbound = num(upperbound(res)), alarm = lgl(alarms(res)),
    expected = num(res@control$expected)
  ), frequency = freq, population = population)
}
ff <- list(
  ffCase("salmonella.agona default (delta)", salm, 264:312, list(b = 5, w = 3)),
  ffCase("salmonella.agona Noufaily: noPeriods 10, pastWeeksNotIncluded 26, nbPlugin", salm, 264:312,
         list(b = 5, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26, thresholdMethod = "nbPlugin")),
  ffCase("salmonella.agona muan, b 4, alpha 0.01", salm, 213:312,
         list(b = 4, w = 3, noPeriods = 10, pastWeeksNotIncluded = 26, thresholdMethod = "muan", alpha = 0.01)),
  ffCase("ha total, powertrans none, trend off, limit54 (0,4)", haTotal, 160:290,
         list(b = 3, w = 2, trend = FALSE, powertrans = "none", limit54 = c(0, 4), alpha = 0.01)),
  ffCase("ha frkr, b 3 w 2, powertrans 1/2, reweight off, limit54 (1,4)", haFrkr, 160:290,
         list(b = 3, w = 2, powertrans = "1/2", reweight = FALSE, limit54 = c(1, 4))),
  ffCase("shadar, weightsThreshold 1, pThresholdTrend 1", shad, 160:295,
         list(b = 3, w = 3, weightsThreshold = 1, pThresholdTrend = 1)),
  ffCase("synthetic trend, b 3 (trend kept)", trendSeries, 200:312, list(b = 3, w = 3)),
  ffCase("synthetic trend, nbPlugin noPeriods 4", trendSeries, 200:312,
         list(b = 3, w = 3, noPeriods = 4, thresholdMethod = "nbPlugin")),
  ffCase("population offset", popSeries, 200:312, list(b = 3, w = 3, populationOffset = TRUE),
         population = popSyn),
  ffCase("all-zero baseline with a late outbreak", zeroSeries, 270:312, list(b = 5, w = 3)),
  ffCase("all-zero baseline, nbPlugin", zeroSeries, 270:312, list(b = 5, w = 3, thresholdMethod = "nbPlugin")),
  ffCase("missing observations (NA) in baselines", naSeries, 264:312, list(b = 5, w = 3)),
  ffCase("short series, b 1 w 2", shortSeries, 56:70, list(b = 1, w = 2)),
  ffCase("monthly, b 3 w 1", salm[1:100], 38:100, list(b = 3, w = 1), freq = 12)
)
writeCases(ff, "farrington-flexible.json")

# ---------------------------------------------------------------- farrington (algo.farrington)
faCase <- function(name, obs, range1, params, freq = 52, population = NULL) {
  ctl <- params
  ctl$range <- range1
  if (!is.null(ctl$limit54)) ctl$limit54 <- as.numeric(ctl$limit54)
  dp <- toDisProg(obs, freq)
  if (!is.null(population)) dp$populationFrac <- population
  res <- suppressWarnings(algo.farrington(dp, control = ctl))
  mkCase(name, "farrington", obs, range1, params, list(
    upperbound = num(res$upperbound), alarm = lgl(res$alarm)
  ), frequency = freq, population = population)
}
fa <- list(
  faCase("salmonella.agona default, first weeks lack reference values", salm, 257:312, list(b = 5, w = 3)),
  faCase("ha total, alpha 0.01, powertrans none", haTotal, 160:290,
         list(b = 3, w = 2, alpha = 0.01, powertrans = "none")),
  faCase("ha frkr, powertrans 1/2, limit54 (1,4)", haFrkr, 160:290,
         list(b = 3, w = 3, powertrans = "1/2", limit54 = c(1, 4))),
  faCase("shadar, reweight off, trend off", shad, 160:295, list(b = 3, w = 2, reweight = FALSE, trend = FALSE)),
  faCase("synthetic trend, b 3", trendSeries, 200:312, list(b = 3, w = 3)),
  faCase("all-zero baseline with a late outbreak", zeroSeries, 270:312, list(b = 5, w = 3)),
  faCase("short series, b 1 w 2", shortSeries, 56:70, list(b = 1, w = 2)),
  faCase("monthly, b 3 w 1", salm[1:100], 37:100, list(b = 3, w = 1), freq = 12),
  faCase("population offset (fitGLM.populationOffset)", popSeries, 200:312,
         list(b = 3, w = 3, fitFun = "algo.farrington.fitGLM.populationOffset"), population = popSyn)
)
writeCases(fa, "farrington.json")

# ---------------------------------------------------------------- EARS C1/C2/C3
earsCase <- function(name, obs, range1, method, params) {
  ctl <- params
  ctl$range <- range1
  ctl$method <- method
  res <- earsC(toSts(obs), control = ctl)
  r <- list(upperbound = num(upperbound(res)), alarm = lgl(alarms(res)))
  algo <- paste0("ears-", tolower(method))
  p <- params
  if (method == "C3") p$variant <- "r"
  cs <- mkCase(name, algo, obs, range1, p, r)
  if (method == "C3") {
    # The CDC definition, computed here from the same C2 values R uses:
    # C3(t) = sum_{i=t-2..t} max(0, C2(i) - 1), alarm when C3(t) > qnorm(1 - alpha).
    baseline <- if (is.null(params$baseline)) 7 else params$baseline
    minSigma <- if (is.null(params$minSigma)) 0 else params$minSigma
    alpha <- if (is.null(params$alpha)) 0.025 else params$alpha
    z <- qnorm(1 - alpha)
    c2 <- function(t) {
      ref <- obs[(t - baseline - 2):(t - 3)]
      (obs[t] - mean(ref)) / max(sd(ref), minSigma)
    }
    c3 <- sapply(range1, function(t) sum(pmax(0, sapply((t - 2):t, c2) - 1)))
    cdc <- p
    cdc$variant <- "cdc"
    cs2 <- mkCase(paste(name, "(CDC definition)"), algo, obs, range1, cdc,
                  list(alarm = lgl(c3 > z), C3 = num(c3)))
    return(list(cs, cs2))
  }
  list(cs)
}
ears <- c(
  earsCase("salmonella.agona C1", salm, 8:312, "C1", list()),
  earsCase("salmonella.agona C2 alpha 0.05", salm, 10:312, "C2", list(alpha = 0.05)),
  earsCase("salmonella.agona C3", salm, 12:312, "C3", list()),
  earsCase("shadar C1 baseline 28 minSigma 1", shad, 29:295, "C1", list(baseline = 28, minSigma = 1)),
  earsCase("shadar C2 baseline 14", shad, 17:295, "C2", list(baseline = 14)),
  earsCase("shadar C3 minSigma 0.5 alpha 0.05", shad, 12:295, "C3", list(minSigma = 0.5, alpha = 0.05)),
  earsCase("all-zero series C1", allZero, 8:40, "C1", list()),
  earsCase("all-zero baseline C2 with outbreak", zeroSeries, 290:312, "C2", list()),
  earsCase("all-zero baseline C3 with outbreak, minSigma 0.5", zeroSeries, 290:312, "C3", list(minSigma = 0.5))
)
writeCases(ears, "ears.json")

# ---------------------------------------------------------------- CUSUM (algo.cusum)
cuCase <- function(name, obs, range1, params, freq = 52) {
  ctl <- params
  ctl$range <- range1
  res <- algo.cusum(toDisProg(obs, freq), control = ctl)
  mkCase(name, "cusum", obs, range1, params, list(
    upperbound = num(res$upperbound), alarm = lgl(res$alarm)
  ), frequency = freq)
}
cu <- list(
  cuCase("salmonella.agona standard", salm, 200:312, list()),
  cuCase("salmonella.agona rossi k 1.5 h 3", salm, 200:312, list(k = 1.5, h = 3, trans = "rossi")),
  cuCase("salmonella.agona anscombe", salm, 200:312, list(trans = "anscombe")),
  cuCase("salmonella.agona anscombe2nd", salm, 200:312, list(trans = "anscombe2nd")),
  cuCase("salmonella.agona pearsonNegBin alpha 0.2", salm, 200:312, list(trans = "pearsonNegBin", alpha = 0.2)),
  cuCase("salmonella.agona none, m 2", salm, 200:312, list(trans = "none", m = 2, k = 3, h = 5)),
  cuCase("ha total m glm", haTotal, 150:290, list(m = "glm")),
  cuCase("shadar m glm, rossi", shad, 105:295, list(m = "glm", trans = "rossi")),
  cuCase("all-zero baseline standard", zeroSeries, 290:312, list())
)
writeCases(cu, "cusum.json")

# ---------------------------------------------------------------- Bayes (algo.bayes)
baCase <- function(name, obs, range1, params, freq = 52) {
  ctl <- params
  ctl$range <- range1
  res <- algo.bayes(toDisProg(obs, freq), control = ctl)
  mkCase(name, "bayes", obs, range1, params, list(
    upperbound = num(res$upperbound), alarm = lgl(res$alarm)
  ), frequency = freq)
}
ba <- list(
  baCase("salmonella.agona b 0 w 6", salm, 100:312, list(b = 0, w = 6)),
  baCase("salmonella.agona b 1 w 3 alpha 0.01", salm, 100:312, list(b = 1, w = 3, alpha = 0.01)),
  baCase("ha total b 2 w 2 actY false", haTotal, 120:290, list(b = 2, w = 2, actY = FALSE)),
  baCase("shadar b 1 w 4", shad, 60:295, list(b = 1, w = 4)),
  baCase("all-zero baseline", zeroSeries, 290:312, list(b = 0, w = 6)),
  baCase("missing observations", naSeries, 100:312, list(b = 1, w = 3))
)
writeCases(ba, "bayes.json")

# ---------------------------------------------------------------- GLR (algo.glrnb): Poisson and negative binomial
# params$alpha is passed on as given: 0 = Poisson, > 0 = NB with that dispersion, absent = R's default
# NULL, i.e. alpha estimated by MASS::glm.nb together with the in-control model (then r$alpha holds
# R's estimate). r$expected is R's mu0 (control$mu0).
glCase <- function(name, obs, range1, params, freq = 52) {
  ctl <- params
  ctl$range <- range1
  if (!is.null(ctl$mu0) && !is.list(ctl$mu0)) ctl$mu0 <- as.numeric(ctl$mu0)
  res <- suppressWarnings(suppressMessages(algo.glrnb(toDisProg(obs, freq), control = ctl)))
  r <- list(upperbound = num(res$upperbound), alarm = lgl(res$alarm), expected = num(res$control$mu0))
  if (is.null(params$alpha)) r$alpha <- res$control$alpha
  mkCase(name, "glrnb", obs, range1, params, r, frequency = freq)
}
S1 <- list(S = 1, trend = FALSE)
gl <- list(
  # Poisson (alpha = 0)
  glCase("salmonella.agona S 1 value", salm, 157:312, list(alpha = 0, mu0 = S1, c.ARL = 5, ret = "value")),
  glCase("salmonella.agona S 1 cases", salm, 157:312, list(alpha = 0, mu0 = S1, c.ARL = 5, ret = "cases")),
  glCase("salmonella.agona S 2 trend, M 20, Mtilde 2", salm, 157:312,
         list(alpha = 0, mu0 = list(S = 2, trend = TRUE), c.ARL = 4, M = 20, Mtilde = 2, ret = "value")),
  glCase("salmonella.agona window cases", salm, 157:312,
         list(alpha = 0, mu0 = S1, c.ARL = 5, M = 30, ret = "cases")),
  glCase("ha total dir dec", haTotal, 150:290, list(alpha = 0, mu0 = S1, c.ARL = 2, dir = "dec", ret = "value")),
  glCase("ha total dir dec cases", haTotal, 150:290, list(alpha = 0, mu0 = S1, c.ARL = 2, dir = "dec", ret = "cases")),
  glCase("shadar given mu0", shad, 200:295, list(alpha = 0, mu0 = rep(8, 96), c.ARL = 6, ret = "cases")),
  glCase("shadar Mtilde 3", shad, 200:295, list(alpha = 0, mu0 = S1, c.ARL = 5, Mtilde = 3, ret = "value")),
  glCase("missing observations (NA) before the range, Poisson", naSeries, 264:312,
         list(alpha = 0, mu0 = S1, c.ARL = 5, ret = "value")),
  glCase("shadar Poisson epidemic chart", shad, 200:295, list(alpha = 0, change = "epi", mu0 = S1, c.ARL = 5)),
  glCase("salmonella.agona Poisson epidemic chart, M 20, Mtilde 2", salm, 157:312,
         list(alpha = 0, change = "epi", mu0 = S1, c.ARL = 3, M = 20, Mtilde = 2)),
  # negative binomial, alpha fixed
  glCase("salmonella.agona NB alpha 0.2 value", salm, 157:312, list(alpha = 0.2, mu0 = S1, c.ARL = 5, ret = "value")),
  glCase("salmonella.agona NB alpha 0.2 cases", salm, 157:312, list(alpha = 0.2, mu0 = S1, c.ARL = 5, ret = "cases")),
  glCase("shadar NB alpha 0.3 cases, M 26", shad, 200:295,
         list(alpha = 0.3, mu0 = S1, c.ARL = 4, M = 26, ret = "cases")),
  glCase("salmonella.agona NB alpha 0.1 S 2 trend, M 20 Mtilde 2", salm, 157:312,
         list(alpha = 0.1, mu0 = list(S = 2, trend = TRUE), c.ARL = 4, M = 20, Mtilde = 2, ret = "value")),
  glCase("ha total NB alpha 0.1 dir dec", haTotal, 150:290,
         list(alpha = 0.1, mu0 = S1, c.ARL = 2, dir = "dec", ret = "value")),
  glCase("ha total NB alpha 0.1 dir dec cases (short, xMax 60)", haTotal, 261:290,
         list(alpha = 0.1, mu0 = S1, c.ARL = 2, dir = "dec", M = 20, ret = "cases", xMax = 60)),
  glCase("shadar NB alpha 0.25 given mu0", shad, 200:295, list(alpha = 0.25, mu0 = rep(6, 96), c.ARL = 5, ret = "value")),
  glCase("shadar NB alpha 0.25 given mu0 cases", shad, 200:295, list(alpha = 0.25, mu0 = rep(6, 96), c.ARL = 5, ret = "cases")),
  glCase("shadar NB epidemic chart alpha 0.2", shad, 200:295, list(alpha = 0.2, change = "epi", mu0 = S1, c.ARL = 3)),
  glCase("salmonella.agona NB epidemic chart alpha 0.2, M 26", salm, 157:312,
         list(alpha = 0.2, change = "epi", mu0 = S1, c.ARL = 3, M = 26)),
  # negative binomial, alpha estimated by glm.nb (R's default)
  glCase("shadar NB alpha estimated (R default control)", shad, 200:295, list()),
  glCase("shadar NB alpha estimated cases", shad, 200:295, list(mu0 = S1, c.ARL = 5, ret = "cases")),
  glCase("salmonella.agona NB alpha estimated S 2 trend", salm, 157:312,
         list(mu0 = list(S = 2, trend = TRUE), c.ARL = 5, ret = "value")),
  glCase("salmonella.agona NB alpha estimated cases, M 30", salm, 157:312,
         list(mu0 = S1, c.ARL = 5, M = 30, ret = "cases")),
  glCase("ha total NB alpha estimated dir dec", haTotal, 150:290, list(mu0 = S1, c.ARL = 3, dir = "dec")),
  glCase("missing observations (NA) before the range, NB alpha estimated", naSeries, 264:312,
         list(mu0 = S1, c.ARL = 5, ret = "value")),
  glCase("monthly salmonella.agona NB alpha estimated", salm[1:100], 61:100, list(mu0 = S1, c.ARL = 4), freq = 12),
  glCase("shadar NB epidemic chart, alpha estimated", shad, 200:295, list(change = "epi", mu0 = S1, c.ARL = 3))
)
writeCases(gl, "glrnb.json")
# Data that are not over-dispersed: theta.ml runs into its iteration limit (R warns) on a flat score,
# so the last digits of alpha are rounding noise in R and TypeScript alike. Kept apart from
# glrnb.json (tested to 1e-9 through detect()); glrnb.test.ts checks it to 1e-7.
glFlat <- list(
  glCase("ha frkr NB alpha estimated (not over-dispersed), c.ARL 2, Mtilde 2", haFrkr, 150:290,
         list(mu0 = S1, c.ARL = 2, Mtilde = 2))
)
writeCases(glFlat, "glrnb-not-overdispersed.json")

# ---------------------------------------------------------------- distribution functions
qs <- list()
for (lambda in c(0.001, 0.3, 1, 2.5, 7.77, 30, 123.4, 1000, 25000)) {
  for (p in c(0.001, 0.025, 0.05, 0.5, 0.9, 0.95, 0.975, 0.99, 0.999)) {
    qs[[length(qs) + 1]] <- list(f = "qpois", p = p, lambda = lambda, value = qpois(p, lambda))
  }
}
for (size in c(0.5, 1.5, 3, 10.25, 57, 400, 2e5)) {
  for (prob in c(0.02, 0.3, 0.5, 0.8, 0.95, 0.999)) {
    for (p in c(0.01, 0.05, 0.5, 0.95, 0.99, 0.999)) {
      v <- qnbinom(p, size, prob)
      if (is.finite(v) && v < 1e6) qs[[length(qs) + 1]] <- list(f = "qnbinom", p = p, size = size, prob = prob, value = v)
    }
  }
}
for (p in c(1e-300, 1e-20, 1e-10, 1e-5, 0.001, 0.01, 0.025, 0.05, 0.1, 0.3, 0.5, 0.7, 0.9, 0.95, 0.975, 0.99, 0.999, 0.999999, 1 - 1e-12)) {
  qs[[length(qs) + 1]] <- list(f = "qnorm", p = p, value = qnorm(p))
}
for (x in c(-40, -10, -5, -1.96, -1, -0.3, 0, 0.5, 1.2, 2, 3.5, 8, 30)) {
  qs[[length(qs) + 1]] <- list(f = "pnorm", x = x, value = pnorm(x))
}
for (df in c(1, 2, 3, 5, 10, 29, 30, 100, 257)) {
  for (x in c(-30, -4, -2.1, -1, 0, 0.7, 1.5, 2.5, 6)) {
    qs[[length(qs) + 1]] <- list(f = "pt", x = x, df = df, value = pt(x, df))
  }
  for (p in c(0.001, 0.05, 0.5, 0.9, 0.975, 0.999)) {
    qs[[length(qs) + 1]] <- list(f = "qt", p = p, df = df, value = qt(p, df))
  }
}
for (shape in c(0.5, 1, 2.5, 10, 100)) {
  for (p in c(0.001, 0.025, 0.5, 0.975, 0.999)) {
    qs[[length(qs) + 1]] <- list(f = "qgamma", p = p, shape = shape, value = qgamma(p, shape))
  }
}
# digamma / trigamma / lgamma for MASS::theta.ml and the glm.nb log-likelihood (stats/glm-nb.ts)
for (x in c(1e-3, 0.1, 0.5, 1, 1.4616321449683623, 2.5, 7.3, 9.99, 10, 33.3, 150.5, 2718.28, 26484.6, 1e6)) {
  qs[[length(qs) + 1]] <- list(f = "digamma", x = x, value = digamma(x))
  qs[[length(qs) + 1]] <- list(f = "trigamma", x = x, value = trigamma(x))
  qs[[length(qs) + 1]] <- list(f = "lgamma", x = x, value = lgamma(x))
}
writeCases(qs, "distributions.json")

# ---------------------------------------------------------------- timing (not a fixture; printed for the report)
if (nzchar(Sys.getenv("WEIJIAN_TIME_R"))) {
  s <- toSts(salm)
  reps <- 20
  t0 <- proc.time()[["elapsed"]]
  for (i in seq_len(reps)) {
    suppressWarnings(farringtonFlexible(s, control = list(b = 5, w = 3, range = 264:312, glmWarnings = FALSE)))
  }
  el <- proc.time()[["elapsed"]] - t0
  cat(sprintf("R farringtonFlexible salmonella.agona: %.3f ms per evaluated point\n", 1000 * el / (reps * 49)))
}

using System.Collections.Concurrent;
using System.IO.Hashing;
using System.Text;

namespace Wellhouse.Decline;

/// <summary>Options of <see cref="PopulationForecaster"/>.</summary>
public sealed record PopulationForecastOptions
{
    /// <summary>The defaults: 24 months, abandoned after 12 months without production, quarterly past anchors.</summary>
    public static PopulationForecastOptions Default { get; } = new();

    /// <summary>Months to forecast from the as-of date.</summary>
    public int Months { get; init; } = 24;

    /// <summary>Horizons learned from the past (type curves and calibration): the first this many months of
    /// <see cref="Months"/>. Later months extend the last learned one by the well's own curve, its band keeping the
    /// last learned relative width (a 120-month forecast learns no more than 24 months from the past: few wells have
    /// 10 years of outcome, and the samples grow with every horizon).</summary>
    public int LearnedMonths { get; init; } = 24;

    /// <summary>A well without production in this many months before the as-of date is abandoned: not forecast, no
    /// remaining volume.</summary>
    public int AbandonMonths { get; init; } = 12;

    /// <summary>Past anchors are the first months of every quarter (3) before the as-of date.</summary>
    public int AnchorStepMonths { get; init; } = 3;

    /// <summary>Fewest past anchors a cohort needs at a horizon to learn it (else the forecast extends the last
    /// learned horizon by the well's own curve).</summary>
    public int MinSamples { get; init; } = 30;

    /// <summary>Past as-of dates (every <see cref="AnchorStepMonths"/> months back) whose forecasts calibrate the
    /// band and the median: 12 quarters by default.</summary>
    public int CalibrationDates { get; init; } = 12;

    /// <summary>
    /// Most wells the method learns and calibrates from at one date (<see cref="PopulationForecaster"/>): all wells
    /// with history before the date when there are no more, else this many chosen by a hash of their identifiers.
    /// Every well is still forecast from the as-of date; only the type curves, the calibration and a hindcast's
    /// comparisons read the sample, so the cost grows with the wells plus sample x past dates instead of wells x past
    /// dates. 0 = all wells.
    /// </summary>
    public int SampleWells { get; init; } = 2000;

    /// <summary>A well whose highest producing-day rate is in its last this many producing months is still at its peak
    /// (ramping up or on plateau): its own decline fit is not used, the type curve of wells without a fit is (a field
    /// still ramping up to its plateau has no decline to fit; fitting one to its last months reads noise as decline).
    /// 0 = every own fit is used.</summary>
    public int PeakMonths { get; init; } = 3;

    /// <summary>A well that produced at most 3 months (a test, or early production), then nothing for at least this
    /// many months, then again, is measured from the restart: its level and uptime read only the months since (else the
    /// silent months count as downtime: NPD's VOLUND, one test month in 2009-09 and production again from 2010-04, was
    /// forecast in 2010-06 at a third of its rate; GRANE, three months in 1996 and production from 2003-10, at a
    /// quarter). Restarts after longer production are left as they were: counting those too moved North Dakota's mature
    /// wells' 24-month coverage from 84.6 to 85.3 % (3 months: the 1-5-month wells' APE from 27.8 to 30.0 %). 0 = off.</summary>
    public int RestartMonths { get; init; } = 6;

    /// <summary>The own fit of each well (Arps by BIC by default).</summary>
    public FitOptions Fit { get; init; } = FitOptions.Default with { Model = ModelSelection.Arps };

    /// <summary>Lower bounds of the age cohorts in months since first production (1-5, 6-12, 13-24, 25 and more).</summary>
    public IReadOnlyList<int> CohortStarts { get; init; } = [1, 6, 13, 25];

    /// <summary>The forecast methods chosen from per cohort by their own past forecasts (<see cref="SelectionDates"/>):
    /// the first one where too few past forecasts tell them apart. [<see cref="PopulationMethod.Blend"/>] = no choice.</summary>
    public IReadOnlyList<PopulationMethod> Methods { get; init; } = [PopulationMethod.Blend, PopulationMethod.Flat, PopulationMethod.OwnFit];

    /// <summary>Past as-of dates (every <see cref="AnchorStepMonths"/> months back) whose calibrated forecasts, compared
    /// with what the wells produced before the as-of date, choose each cohort's method (<see cref="Methods"/>); 0 = every
    /// past date of the population (a cohort of young fields has a few forecasts a year: on the NPD fields, 12 dates
    /// left the 6-12-month fields without enough to choose by).</summary>
    public int SelectionDates { get; init; }

    /// <summary>How much lower (relative) another method's past median APE must be than the first method's (the blend)
    /// to replace it in a cohort: 0.2 = 20 % lower, the issue's own bar for "better". Smaller margins switched the NPD
    /// mature fields between methods on past differences that did not last (24-month APE 15.8 -> 16.3 % without one).</summary>
    public double SelectionMargin { get; init; } = 0.2;
}

/// <summary>The forecast methods the population method chooses from, per cohort, by how each forecast the population's
/// own past (<see cref="PopulationForecastOptions.Methods"/>). Every method's P10-P90 band is calibrated on its own past
/// errors.</summary>
public enum PopulationMethod
{
    /// <summary>"blend": the well's own Arps fit blended with its cohort's type curve (<see cref="HorizonErrorModel"/>),
    /// the P50 shifted by the median of its past errors.</summary>
    Blend,

    /// <summary>"flat": the current level (producing-day rate of the last 3 producing months) x uptime held flat; the
    /// P50 is not shifted.</summary>
    Flat,

    /// <summary>"own-fit": the well's own Arps fit x uptime (the level held flat where it has none or is still at its
    /// peak); the P50 is not shifted.</summary>
    OwnFit,
}

/// <summary>One forecast month: volumes of the month and cumulatives from the as-of date (P10 the high one).</summary>
public sealed record PopulationForecastMonth(
    DateOnly Month, double VolumeP10, double VolumeP50, double VolumeP90, double CumP10, double CumP50, double CumP90);

/// <summary>A well's population forecast, or the reason it has none. <see cref="Tail"/> is what continues it past its
/// months (<see cref="PopulationReserves"/>); null without a forecast.</summary>
public sealed record WellPopulationForecast(string Id, string? Reason, string Cohort, int AgeMonths, IReadOnlyList<PopulationForecastMonth> Months)
{
    /// <summary>The well's uptime and own fit's b at the as-of date; null without a forecast.</summary>
    public PopulationTail? Tail { get; init; }

    /// <summary>The method its cohort chose (<see cref="PopulationForecaster.MethodName"/>: blend, flat, own-fit); null
    /// without a forecast.</summary>
    public string? Method { get; init; }
}

/// <summary>What a forecast's continuation past its months reads from the well at the as-of date: its uptime over the
/// last year (producing days / calendar days: forecast volumes are calendar volumes, the economic limit is a
/// producing-day rate) and its own Arps fit's b (null without a fit).</summary>
public sealed record PopulationTail(double Uptime, double? B);

/// <summary>
/// Forecasts every well of a population from an as-of date using only data before it, with the other wells as the
/// prior: each well's own Arps fit is blended with its age cohort's type curve (<see cref="HorizonErrorModel"/>,
/// learned at quarterly anchors whose outcome months are all before the as-of date). The P10-P90 band is then
/// calibrated on the method's own past forecasts: the same forecast made at the last <see
/// cref="PopulationForecastOptions.CalibrationDates"/> quarterly as-of dates, compared with what the wells produced
/// before the as-of date, gives per cohort and horizon the median log error (a shift of the P50) and the factor that
/// makes 80 % of those outcomes fall inside the band; a second pass shifts the P50 again by the median miss of the
/// calibrated P50s of those past dates and scales the band again by how their calibrated bands covered their outcomes.
/// The first calibration at horizon h learns from forecasts made at least h months earlier (for 24 months, two to
/// three years stale); when the wells have changed since (newer completions of young wells decline faster), its P50
/// over-forecasts them and its band covers fewer than 80 % of later outcomes; the second one measures exactly that
/// miss on past as-of dates (whose calibrated forecasts used only data before them) and moves the P50 and widens or
/// narrows the band by it. The type curves and both calibrations read a deterministic sample of the wells (<see
/// cref="PopulationForecastOptions.SampleWells"/>); every well is forecast from the as-of date. Volumes are calendar
/// volumes (uptime included). Thread-safe; one instance caches anchor states and the sample's past forecasts, so a
/// hindcast over several as-of dates fits each sampled well once per anchor.
/// </summary>
public sealed class PopulationForecaster
{

    private readonly IReadOnlyList<MonthlyHistory> _population;
    private readonly PopulationForecastOptions _options;
    private readonly PopulationCache? _cache;
    private readonly UInt128 _cacheContext;
    private readonly ConcurrentDictionary<(int Well, int Anchor), AnchorState> _states = new();
    private readonly ConcurrentDictionary<int, double[]> _days = new();
    private readonly ConcurrentDictionary<int, Lazy<int[]>> _samples = new();
    private readonly ConcurrentDictionary<int, Lazy<BaseForecast[]>> _base = new();
    private readonly ConcurrentDictionary<(int Anchor, PopulationMethod Method), Lazy<BaseForecast[]>> _calibrated = new();
    private readonly ConcurrentDictionary<(int Anchor, PopulationMethod Method), Lazy<(double Shift, double Scale)?[]>> _firstCalibrations = new();
    private readonly ConcurrentDictionary<(int Anchor, PopulationMethod Method), Lazy<(double Shift, double Scale)?[]>> _secondCalibrations = new();
    private readonly ConcurrentDictionary<int, Lazy<MethodChoice>> _choices = new();
    private readonly ConcurrentDictionary<int, Lazy<HorizonErrorModel?[]?[]>> _models = new();

    /// <summary>The wells' indices in the order of their identifiers' hash (the sample takes the first eligible ones).</summary>
    private readonly int[] _byHash;

    /// <summary>The cohorts' names by index (<see cref="CohortIndex"/>); the last one, "", pools every age: the fallback
    /// of a cohort with too few past anchors.</summary>
    private readonly string[] _cohorts;

    /// <summary>A forecaster over <paramref name="population"/>; its wells' states at each date come from
    /// <paramref name="cache"/> where an earlier build stored them (the same values as computed), and go into it.</summary>
    public PopulationForecaster(IReadOnlyList<MonthlyHistory> population, PopulationForecastOptions? options = null, PopulationCache? cache = null)
    {
        ArgumentNullException.ThrowIfNull(population);
        _population = population;
        _options = options ?? PopulationForecastOptions.Default;
        _cache = cache;
        if (_options.Months < 1 || _options.LearnedMonths < 1 || _options.AbandonMonths < 1 || _options.AnchorStepMonths < 1
            || _options.MinSamples < 2 || _options.CalibrationDates < 0 || _options.SampleWells < 0 || _options.PeakMonths < 0
            || _options.RestartMonths < 0 || _options.SelectionDates < 0 || _options.Methods.Count == 0
            || !(_options.SelectionMargin is >= 0 and < 1))
        {
            throw new ArgumentException(
                "Months, LearnedMonths, AbandonMonths and AnchorStepMonths must be >= 1, MinSamples >= 2, CalibrationDates, SampleWells, PeakMonths, RestartMonths and SelectionDates >= 0, SelectionMargin in [0, 1), and Methods must name at least one method",
                nameof(options));
        }

        _byHash = [.. Enumerable.Range(0, population.Count)
            .OrderBy(i => XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(population[i].Id)))
            .ThenBy(i => population[i].Id, StringComparer.Ordinal)
            .ThenBy(i => i)];
        var starts = _options.CohortStarts;
        _cohorts = [$"<{starts[0]}", .. starts.Select((start, c) => c == starts.Count - 1 ? $"{start}+" : $"{start}-{starts[c + 1] - 1}"), ""];
        _cacheContext = cache is null ? default : PopulationCache.Context(_options);
    }

    /// <summary>The index of the cohort that pools every age.</summary>
    private int Pooled => _cohorts.Length - 1;

    /// <summary>The horizons learned from the past.</summary>
    internal int LearnedMonths => Math.Min(_options.LearnedMonths, _options.Months);

    /// <summary>The wells forecast.</summary>
    internal IReadOnlyList<MonthlyHistory> Population => _population;

    /// <summary>The options.</summary>
    internal PopulationForecastOptions Options => _options;

    /// <summary>Where the wells' states come from and go (null: computed, kept only by this instance).</summary>
    internal PopulationCache? States => _cache;

    private int Learned => LearnedMonths;

    /// <summary>
    /// Forecasts every well of the population from <paramref name="asOf"/>, each with the method its cohort chose (<see
    /// cref="ChosenMethods"/>). Only the months before the month of <paramref name="asOf"/> are read (the wells' states,
    /// the type curves and the calibrations at that month). The forecast's months start at that month when
    /// <paramref name="asOf"/> is its first day, else at the next month, their cumulatives counting from there: a month
    /// partly reported (a daily feed's as-of date, the day after its last reported day) is neither read nor forecast. Read,
    /// its few days drag a well's uptime and stand for a whole month's outcome in the calibrations; left out, a new day
    /// inside the month changes no forecast (docs/decline.md, "The as-of date").
    /// </summary>
    public IReadOnlyList<WellPopulationForecast> Forecast(DateOnly asOf)
    {
        var anchor = MonthIndex.Of(asOf);
        // The month of a mid-month as-of date is forecast (from the anchor) but not returned.
        var skipped = asOf.Day == 1 ? 0 : 1;
        var months = _options.Months + skipped;
        var models = Models(anchor);
        var choice = Choice(anchor);
        var final = new BaseForecast[_population.Count];
        Parallel.For(0, final.Length, i =>
        {
            var state = StateOf(i, anchor, months);
            var method = choice.Of(CohortIndex(state.AgeMonths), UsesFit(_population[i], state));
            var b = ForecastWell(i, state, models, months, method);
            final[i] = Apply(Apply(b, FirstCalibration(anchor, method)), SecondCalibration(anchor, method));
        });
        return [.. final.Select((b, i) => Result(i, anchor, b, skipped))];
    }

    /// <summary>The method each cohort chose at <paramref name="asOf"/> (by its own past forecasts, <see
    /// cref="PopulationForecastOptions.Methods"/>): per cohort name, the method of its wells past their peak and of its
    /// wells without a fit or still at their peak (<see cref="MethodName"/>).</summary>
    public IReadOnlyList<(string Cohort, string WithFit, string WithoutFit)> ChosenMethods(DateOnly asOf)
    {
        var choice = Choice(MonthIndex.Of(asOf));
        return [.. Enumerable.Range(0, _cohorts.Length - 1)
            .Select(c => (_cohorts[c], MethodName(choice.Of(c, true)), MethodName(choice.Of(c, false))))];
    }

    /// <summary>The name of a method in the forecasts and hindcasts: blend, flat, own-fit.</summary>
    public static string MethodName(PopulationMethod method) => method switch
    {
        PopulationMethod.Blend => "blend",
        PopulationMethod.Flat => "flat",
        PopulationMethod.OwnFit => "own-fit",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "unknown population method"),
    };

    /// <summary>The forecasts from <paramref name="asOf"/> of the wells the method learns from at that date (<see
    /// cref="PopulationForecastOptions.SampleWells"/>), with their index in the population: what a hindcast compares.
    /// Each equals the well's row of <see cref="Forecast"/>.</summary>
    internal IReadOnlyList<(int Well, WellPopulationForecast Forecast)> ForecastSample(DateOnly asOf)
    {
        var anchor = MonthIndex.Of(asOf);
        var wells = SampleAt(anchor);
        var choice = Choice(anchor);
        var final = Final(anchor, choice);
        return [.. wells.Select((well, k) => (well, Result(well, anchor, final[k])))];
    }

    /// <summary>The sample's final forecasts from an anchor, each well with the method <paramref name="choice"/> gives
    /// its cohort.</summary>
    private BaseForecast[] Final(int anchor, MethodChoice choice)
    {
        var calibrated = _options.Methods.Distinct().ToDictionary(m => m, m => Calibrated(anchor, m));
        var blend = Base(anchor);
        var final = new BaseForecast[blend.Length];
        for (var k = 0; k < final.Length; k++)
        {
            var method = blend[k].Reason is null ? choice.Of(blend[k].Cohort, blend[k].UsesFit) : PopulationMethod.Blend;
            var b = calibrated.TryGetValue(method, out var forecasts) ? forecasts[k] : blend[k];
            final[k] = b.Reason is null ? Apply(b, SecondCalibration(anchor, method)) : b;
        }

        return final;
    }

    /// <summary>A well's result: its reason, or its months after the first <paramref name="skipped"/> ones (<see cref="After"/>).</summary>
    private WellPopulationForecast Result(int well, int anchor, BaseForecast b, int skipped = 0) => b.Reason is not null
        ? new WellPopulationForecast(_population[well].Id, b.Reason, _cohorts[b.Cohort], b.AgeMonths, [])
        : new WellPopulationForecast(_population[well].Id, null, _cohorts[b.Cohort], b.AgeMonths, After(Months(anchor, b.P10!, b.P50!, b.P90!), skipped))
        {
            Tail = b.Tail,
            Method = MethodName(b.Method),
        };

    /// <summary>Per cohort (with and without the own fit, <see cref="Slot"/>) the method chosen.</summary>
    private sealed record MethodChoice(PopulationMethod[] BySlot)
    {
        public PopulationMethod Of(int cohort, bool usesFit) => BySlot[Slot(cohort, usesFit)];
    }

    /// <summary>
    /// The method of each cohort at an anchor, chosen by the forecasts every method made at the past quarterly as-of
    /// dates (<see cref="PopulationForecastOptions.SelectionDates"/>; each forecast calibrated with data before its own
    /// date, as the forecast from the anchor is): the median absolute percent error of their P50 over the months between
    /// that date and the anchor (at most the learned months), per cohort and use of the own fit (the well's age and
    /// state at that date). The first method of <see cref="PopulationForecastOptions.Methods"/> (the blend) stays unless
    /// another's median is lower by <see cref="PopulationForecastOptions.SelectionMargin"/> (then the lowest wins). A
    /// cohort with fewer than <see cref="PopulationForecastOptions.MinSamples"/> such forecasts with (or without) the
    /// fit takes the choice of its age with and without the fit together, and with fewer than that the first method:
    /// never the choice of every age pooled, which the many mature wells decide.
    /// </summary>
    private MethodChoice Choice(int anchor) =>
        _choices.GetOrAdd(anchor, a => new Lazy<MethodChoice>(() =>
        {
            var methods = _options.Methods.Distinct().ToArray();
            var slots = _cohorts.Length * 2;
            var choice = new PopulationMethod[slots];
            Array.Fill(choice, methods[0]);
            if (methods.Length == 1)
            {
                return new MethodChoice(choice);
            }

            // errors[group, method]: the slots, then each age with and without the fit (slots + cohort).
            var groups = slots + _cohorts.Length;
            var errors = new List<double>[groups, methods.Length];
            for (var g = 0; g < groups; g++)
            {
                for (var m = 0; m < methods.Length; m++)
                {
                    errors[g, m] = [];
                }
            }

            var start = _population.Count == 0 ? a : _population.Min(h => h.FirstMonth);
            for (var k = 1; _options.SelectionDates == 0 || k <= _options.SelectionDates; k++)
            {
                var date = a - (k * _options.AnchorStepMonths);
                if (date <= start)
                {
                    break;
                }

                var wells = SampleAt(date);
                // A method that does not shift its P50 has its uncalibrated P50 (the calibrations scale only its band).
                var forecasts = methods.Select(m => Shifts(m) ? Calibrated(date, m) : Base(date, m)).ToArray();
                var second = methods.Select(m => Shifts(m) ? SecondCalibration(date, m) : null).ToArray();
                var h = Math.Min(Learned, a - date);
                for (var j = 0; j < wells.Length; j++)
                {
                    var first = forecasts[0][j];
                    if (first.Reason is not null)
                    {
                        continue;
                    }

                    var actual = 0.0;
                    for (var m = date; m < date + h; m++)
                    {
                        actual += _population[wells[j]].Volume(m);
                    }

                    if (!(actual > 0))
                    {
                        continue;
                    }

                    for (var m = 0; m < methods.Length; m++)
                    {
                        // The P50 of the forecast calibrated twice (Apply's), at the last month seen.
                        var p50 = forecasts[m][j].P50![h - 1] * (second[m] is { } calibration ? Math.Exp(CalibrationAt(calibration, first.Cohort, h - 1).Shift) : 1);
                        var error = Math.Abs(p50 - actual) / actual;
                        errors[Slot(first.Cohort, first.UsesFit), m].Add(error);
                        errors[slots + first.Cohort, m].Add(error);
                    }
                }
            }

            PopulationMethod? Best(int group)
            {
                if (errors[group, 0].Count < _options.MinSamples)
                {
                    return null;
                }

                var best = 0;
                var bestError = HorizonErrorModel.QuantileOf([.. errors[group, 0]], 0.5) * (1 - _options.SelectionMargin);
                for (var m = 1; m < methods.Length; m++)
                {
                    var median = HorizonErrorModel.QuantileOf([.. errors[group, m]], 0.5);
                    if (median < bestError)
                    {
                        (best, bestError) = (m, median);
                    }
                }

                return methods[best];
            }

            for (var slot = 0; slot < slots; slot++)
            {
                choice[slot] = Best(slot) ?? Best(slots + (slot / 2)) ?? methods[0];
            }

            return new MethodChoice(choice);
        })).Value;


    /// <summary>
    /// The wells the method learns and calibrates from at an anchor, in population order: those whose history starts
    /// before it (so the choice reads nothing after the anchor), all of them or the first <see
    /// cref="PopulationForecastOptions.SampleWells"/> in the order of their identifiers' hash (XxHash3 of the UTF-8
    /// identifier: the same wells on any machine and in any input order; mostly the same wells at every anchor, so
    /// their states are shared).
    /// </summary>
    private int[] SampleAt(int anchor) =>
        _samples.GetOrAdd(anchor, a => new Lazy<int[]>(() =>
        {
            var cap = _options.SampleWells == 0 ? int.MaxValue : _options.SampleWells;
            var wells = new List<int>();
            foreach (var i in _byHash)
            {
                if (wells.Count == cap)
                {
                    break;
                }

                if (_population[i].FirstMonth < a)
                {
                    wells.Add(i);
                }
            }

            wells.Sort();
            return [.. wells];
        })).Value;

    /// <summary>The sample's forecasts of one method from an anchor calibrated once: the uncalibrated forecasts with the
    /// shift and band scale learned on their own past errors (<see cref="Calibrate"/>), computed once (the second
    /// calibrations of the next dates and the choice of method read them).</summary>
    private BaseForecast[] Calibrated(int anchor, PopulationMethod method) =>
        _calibrated.GetOrAdd((anchor, method), key => new Lazy<BaseForecast[]>(() =>
            Apply(Base(key.Anchor, key.Method), FirstCalibration(key.Anchor, key.Method)))).Value;

    /// <summary>The second calibration of a method at an anchor (<see cref="Calibrate"/> of its once-calibrated
    /// forecasts from the past dates), computed once.</summary>
    private (double Shift, double Scale)?[] SecondCalibration(int anchor, PopulationMethod method) =>
        _secondCalibrations.GetOrAdd((anchor, method), key => new Lazy<(double Shift, double Scale)?[]>(() =>
            Calibrate(key.Anchor, date => Calibrated(date, key.Method), Shifts(key.Method)))).Value;

    /// <summary>Whether a method's P50 is shifted by the median of its past errors: the blend's (its type curve is a
    /// learned shift too); the level held flat and the own fit stay what they are, only their bands are calibrated.</summary>
    private static bool Shifts(PopulationMethod method) => method == PopulationMethod.Blend;

    /// <summary>The first calibration of a method at an anchor (<see cref="Calibrate"/> of its uncalibrated forecasts),
    /// computed once, or read from the cache when it holds the one of the same samples and months.</summary>
    private (double Shift, double Scale)?[] FirstCalibration(int anchor, PopulationMethod method) =>
        _firstCalibrations.GetOrAdd((anchor, method), key => new Lazy<(double Shift, double Scale)?[]>(() =>
        {
            var a = key.Anchor;
            return _cache is null
            ? Calibrate(a, date => Base(date, method), Shifts(method))
            : _cache.Get(CachedKind.Calibration, CalibrationKey(a, method), () => Calibrate(a, date => Base(date, method), Shifts(method)), WriteCalibration, bytes =>
            {
                // What Calibrate reads is still used (stored for the next build, as after a build that calibrated).
                for (var k = 1; k <= _options.CalibrationDates; k++)
                {
                    var date = a - (k * _options.AnchorStepMonths);
                    _ = Models(date);
                    foreach (var well in SampleAt(date))
                    {
                        _ = State(well, date);
                    }
                }

                return ReadCalibration(bytes);
            });
        })).Value;

    /// <summary>The content key of the first calibration at <paramref name="asOf"/>: the sampled wells of each past date it
    /// compares, with their identifiers and months before <paramref name="asOf"/> (all <see cref="Calibrate"/> reads, the
    /// past dates' type curves included).</summary>
    private UInt128 CalibrationKey(int asOf, PopulationMethod method)
    {
        var key = PopulationCache.Hasher(_cacheContext, CachedKind.Calibration, asOf, (_options.CalibrationDates * 16) + (int)method);
        for (var k = 1; k <= _options.CalibrationDates; k++)
        {
            foreach (var well in SampleAt(asOf - (k * _options.AnchorStepMonths)))
            {
                PopulationCache.AppendHistory(key, _population[well], asOf, id: true);
            }
        }

        return key.GetCurrentHashAsUInt128();
    }

    private static byte[] WriteCalibration((double Shift, double Scale)?[] calibration)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(calibration.Length);
            foreach (var entry in calibration)
            {
                writer.Write(entry.HasValue);
                if (entry is var (shift, scale))
                {
                    writer.Write(shift);
                    writer.Write(scale);
                }
            }
        }

        return stream.ToArray();
    }

    private static (double Shift, double Scale)?[] ReadCalibration(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var calibration = new (double Shift, double Scale)?[reader.ReadInt32()];
        for (var key = 0; key < calibration.Length; key++)
        {
            calibration[key] = reader.ReadBoolean() ? (reader.ReadDouble(), reader.ReadDouble()) : null;
        }

        return calibration;
    }

    /// <summary>Applies (shift, scale) per cohort and horizon to every forecast (<see cref="Apply(BaseForecast, ValueTuple{double, double}?[])"/>).</summary>
    private BaseForecast[] Apply(BaseForecast[] baseline, (double Shift, double Scale)?[] calibration) =>
        [.. baseline.Select(b => Apply(b, calibration))];

    /// <summary>Applies (shift, scale) per cohort and horizon (the pooled cohort's where the well's has none, none where
    /// neither): P50 x e^shift, and the band's log half-widths around it times scale.</summary>
    private BaseForecast Apply(BaseForecast b, (double Shift, double Scale)?[] calibration)
    {
        if (b.Reason is not null)
        {
            return b;
        }

        var p10 = new double[b.P50!.Length];
        var p50 = new double[b.P50.Length];
        var p90 = new double[b.P50.Length];
        for (var h = 0; h < p50.Length; h++)
        {
            var (shift, scale) = CalibrationAt(calibration, b.Cohort, h);
            p50[h] = b.P50[h] * Math.Exp(shift);
            p10[h] = b.P50[h] > 0 ? p50[h] * Math.Pow(b.P10![h] / b.P50[h], scale) : 0;
            p90[h] = b.P50[h] > 0 ? p50[h] * Math.Pow(b.P90![h] / b.P50[h], scale) : 0;
        }

        return b with { P10 = p10, P50 = p50, P90 = p90 };
    }

    /// <summary>The (shift, scale) of a cohort at horizon index <paramref name="h"/> (the last learned one past them): the
    /// cohort's, else the pooled cohort's, else none.</summary>
    private (double Shift, double Scale) CalibrationAt((double Shift, double Scale)?[] calibration, int cohort, int h)
    {
        var key = Math.Min(h, Learned - 1);
        return calibration[(cohort * Learned) + key] ?? calibration[(Pooled * Learned) + key] ?? (0, 1);
    }

    /// <summary>The cohort name of an age in months.</summary>
    public string CohortOf(int ageMonths) => _cohorts[CohortIndex(ageMonths)];

    /// <summary>The index of an age's cohort in <see cref="_cohorts"/>: 0 below the first start, c + 1 from start c.</summary>
    private int CohortIndex(int ageMonths)
    {
        var starts = _options.CohortStarts;
        for (var c = starts.Count - 1; c >= 0; c--)
        {
            if (ageMonths >= starts[c])
            {
                return c + 1;
            }
        }

        return 0;
    }

    /// <summary>Whether the type curves use a well's own fit at a state: it has one and is past its peak (<see
    /// cref="PopulationForecastOptions.PeakMonths"/>: at least that many producing months after the month of its highest
    /// producing-day rate, among the months on at least a third of their days).</summary>
    private bool UsesFit(MonthlyHistory history, AnchorState state)
    {
        if (state.FitCumulative is null || _options.PeakMonths == 0)
        {
            return state.FitCumulative is not null;
        }

        var best = double.NegativeInfinity;
        var peak = state.FirstProducing;
        for (var m = state.FirstProducing; m <= state.LastProducing; m++)
        {
            var on = history.ProducingDays(m);
            if (on > 0 && on >= MonthIndex.Days(m) / 3.0 && history.Volume(m) / on >= best)
            {
                (best, peak) = (history.Volume(m) / on, m);
            }
        }

        var since = 0;
        for (var m = peak + 1; m <= state.LastProducing && since < _options.PeakMonths; m++)
        {
            since += history.Volume(m) > 0 ? 1 : 0;
        }

        return since >= _options.PeakMonths;
    }

    /// <summary>The slot of a cohort's error models with or without the own fit (<see cref="Learn"/>).</summary>
    private static int Slot(int cohort, bool withFit) => (cohort * 2) + (withFit ? 1 : 0);

    /// <summary>A well's state at a past date (learning, calibration, a hindcast), computed once: its own fit's volumes
    /// for the learned horizons only (the forecasts from past dates are read that far).</summary>
    internal AnchorState State(int well, int anchor) =>
        _states.GetOrAdd((well, anchor), key => StateOf(key.Well, key.Anchor, Learned));

    /// <summary>A well's state at an anchor with its own fit for <paramref name="horizon"/> months: from the cache
    /// when there is one, else computed.</summary>
    private AnchorState StateOf(int well, int anchor, int horizon)
    {
        if (_cache is null)
        {
            return Compute();
        }

        var key = PopulationCache.Hasher(_cacheContext, CachedKind.AnchorState, anchor, horizon);
        PopulationCache.AppendHistory(key, _population[well], anchor, id: false);
        return _cache.Get(CachedKind.AnchorState, key.GetCurrentHashAsUInt128(), Compute, state => state.ToBytes(),
            bytes => AnchorState.Read(bytes, anchor, Days(anchor)));

        AnchorState Compute() => AnchorState.At(_population[well], anchor, horizon, _options.AbandonMonths, _options.RestartMonths, _options.Fit, Days(anchor));
    }

    private double[] Days(int anchor) => _days.GetOrAdd(anchor, a => AnchorState.CumulativeDays(a, _options.Months));

    /// <summary>The error models per cohort, with and without an own fit (<see cref="Slot"/>; null where the cohort had
    /// no past anchor), per horizon (index h - 1; null where too few past anchors).</summary>
    private HorizonErrorModel?[]?[] Learn(int asOf)
    {
        var months = Learned;
        var step = _options.AnchorStepMonths;
        var wells = SampleAt(asOf);
        var perWell = new List<(int Key, double X, double Y)>[wells.Length];
        Parallel.For(0, wells.Length, k =>
        {
            var well = wells[k];
            var history = _population[well];
            var firstAnchor = FirstAnchor(history);
            var found = new List<(int, double, double)>(Math.Max((asOf - firstAnchor + step - 1) / step, 0) * months * 4);
            for (var anchor = firstAnchor; anchor < asOf; anchor += step)
            {
                var state = State(well, anchor);
                if (state.Reason is not null || state.AgeMonths < 1)
                {
                    continue;
                }

                var cohort = CohortIndex(state.AgeMonths);
                var usesFit = UsesFit(history, state);
                var actual = 0.0;
                for (var h = 1; h <= months && anchor + h <= asOf; h++)
                {
                    actual += history.Volume(anchor + h - 1);
                    var flat = state.Flat(h);
                    var y = Math.Log(Math.Max(actual, 0.01 * flat) / flat);
                    found.Add(((Slot(cohort, false) * months) + h - 1, double.NaN, y));
                    found.Add(((Slot(Pooled, false) * months) + h - 1, double.NaN, y));
                    if (usesFit && state.FitRatio(h) is { } x)
                    {
                        found.Add(((Slot(cohort, true) * months) + h - 1, x, y));
                        found.Add(((Slot(Pooled, true) * months) + h - 1, x, y));
                    }
                }
            }

            perWell[k] = found;
        });

        // Merged in well order, so that the sums (and the forecast) do not depend on the threads' schedule.
        var slots = _cohorts.Length * 2;
        var samples = new List<(double, double)>?[slots * months];
        var counts = new int[samples.Length];
        foreach (var list in perWell)
        {
            foreach (var (key, _, _) in list)
            {
                counts[key]++;
            }
        }

        foreach (var list in perWell)
        {
            foreach (var (key, x, y) in list)
            {
                (samples[key] ??= new List<(double, double)>(counts[key])).Add((x, y));
            }
        }

        var models = new HorizonErrorModel?[]?[slots];
        for (var key = 0; key < samples.Length; key++)
        {
            if (samples[key] is { } list)
            {
                var slot = key / months;
                (models[slot] ??= new HorizonErrorModel?[months])[key % months] = HorizonErrorModel.Learn(list, slot % 2 == 1, _options.MinSamples);
            }
        }

        return models;
    }

    /// <summary>A well's forecast before calibration: cumulative P10/P50/P90 per horizon, or why there is none; its
    /// method, and whether the type curves used its own fit (it has one and is past its peak).</summary>
    private sealed record BaseForecast(string? Reason, int Cohort, int AgeMonths, double[]? P10, double[]? P50, double[]? P90, PopulationTail? Tail = null)
    {
        public PopulationMethod Method { get; init; }

        public bool UsesFit { get; init; }
    }

    /// <summary>The error models learned before an anchor (<see cref="Learn"/>), computed once, or read from the cache
    /// when it holds those of the same sample and months.</summary>
    private HorizonErrorModel?[]?[] Models(int anchor) =>
        _models.GetOrAdd(anchor, a => new Lazy<HorizonErrorModel?[]?[]>(() => _cache is null
            ? Learn(a)
            : _cache.Get(CachedKind.TypeCurves, TypeCurvesKey(a), () => Learn(a), WriteModels, bytes =>
            {
                // The states Learn reads are still used (stored for the next build, as after a build that learned).
                TouchStates(a);
                return ReadModels(bytes);
            }))).Value;

    /// <summary>The content key of the error models learned before <paramref name="asOf"/>: every sampled well's
    /// identifier and months before it (all <see cref="Learn"/> reads).</summary>
    private UInt128 TypeCurvesKey(int asOf)
    {
        var key = PopulationCache.Hasher(_cacheContext, CachedKind.TypeCurves, asOf, 0);
        foreach (var well in SampleAt(asOf))
        {
            PopulationCache.AppendHistory(key, _population[well], asOf, id: true);
        }

        return key.GetCurrentHashAsUInt128();
    }

    /// <summary>Requests the states <see cref="Learn"/> reads at <paramref name="asOf"/> (each sampled well at every past
    /// anchor), without learning.</summary>
    private void TouchStates(int asOf)
    {
        var step = _options.AnchorStepMonths;
        var wells = SampleAt(asOf);
        Parallel.For(0, wells.Length, k =>
        {
            for (var anchor = FirstAnchor(_population[wells[k]]); anchor < asOf; anchor += step)
            {
                _ = State(wells[k], anchor);
            }
        });
    }

    /// <summary>A well's first past anchor: the first multiple of the anchor step after its first month.</summary>
    private int FirstAnchor(MonthlyHistory history) =>
        (int)Math.Ceiling((history.FirstMonth + 1) / (double)_options.AnchorStepMonths) * _options.AnchorStepMonths;

    private static byte[] WriteModels(HorizonErrorModel?[]?[] models)
    {
        using var stream = new MemoryStream();
        using (var writer = new BinaryWriter(stream))
        {
            writer.Write(models.Length);
            foreach (var byHorizon in models)
            {
                writer.Write(byHorizon?.Length ?? -1);
                foreach (var model in byHorizon ?? [])
                {
                    writer.Write(model is not null);
                    model?.Write(writer);
                }
            }
        }

        return stream.ToArray();
    }

    private static HorizonErrorModel?[]?[] ReadModels(byte[] bytes)
    {
        using var reader = new BinaryReader(new MemoryStream(bytes, writable: false));
        var models = new HorizonErrorModel?[]?[reader.ReadInt32()];
        for (var slot = 0; slot < models.Length; slot++)
        {
            var length = reader.ReadInt32();
            if (length < 0)
            {
                continue;
            }

            var byHorizon = new HorizonErrorModel?[length];
            for (var h = 0; h < length; h++)
            {
                byHorizon[h] = reader.ReadBoolean() ? HorizonErrorModel.Read(reader) : null;
            }

            models[slot] = byHorizon;
        }

        return models;
    }

    /// <summary>The uncalibrated forecasts of one method of the sample's wells from an anchor: the blend's
    /// (<see cref="Base(int)"/>), or the other method's computed from the same states and type curves.</summary>
    private BaseForecast[] Base(int anchor, PopulationMethod method)
    {
        if (method == PopulationMethod.Blend)
        {
            return Base(anchor);
        }

        var models = Models(anchor);
        var wells = SampleAt(anchor);
        var results = new BaseForecast[wells.Length];
        for (var k = 0; k < wells.Length; k++)
        {
            results[k] = ForecastWell(wells[k], State(wells[k], anchor), models, Learned, method);
        }

        return results;
    }

    /// <summary>The uncalibrated blend forecasts of the sample's wells (<see cref="SampleAt"/>) from an anchor, computed once.</summary>
    private BaseForecast[] Base(int anchor) =>
        _base.GetOrAdd(anchor, a => new Lazy<BaseForecast[]>(() =>
        {
            var models = Models(a);
            var wells = SampleAt(a);
            var results = new BaseForecast[wells.Length];
            Parallel.For(0, wells.Length, k => results[k] = ForecastWell(wells[k], State(wells[k], a), models, Learned, PopulationMethod.Blend));
            return results;
        })).Value;

    /// <summary>
    /// (shift, scale) per cohort and horizon (index cohort x learned months + h - 1; null where too few errors) from the forecasts
    /// <paramref name="source"/> made at past as-of dates D (the cohort theirs at D), compared with what the wells
    /// produced before <paramref name="asOf"/>: at horizon h, the forecasts whose h months all lie before it, and the
    /// more recent ones with their error at the last month seen (asOf - D), in units of their band there. shift = the
    /// median of ln(actual / P50) (0 without <paramref name="withShift"/>); scale = the 80th percentile of the errors
    /// around the shifted median in units of the band's half-width on their side (ln(P10/P50) above, ln(P50/P90)
    /// below), so that 80 % of the past outcomes fall inside. A key with fewer than MinSamples errors is left out.
    /// </summary>
    private (double Shift, double Scale)?[] Calibrate(int asOf, Func<int, BaseForecast[]> source, bool withShift)
    {
        var months = Learned;
        var samples = new List<(double E, double Up, double Down)>?[_cohorts.Length * months];
        for (var k = 1; k <= _options.CalibrationDates; k++)
        {
            var date = asOf - (k * _options.AnchorStepMonths);
            var wells = SampleAt(date);
            var forecasts = source(date);
            for (var j = 0; j < forecasts.Length; j++)
            {
                var f = forecasts[j];
                var i = wells[j];
                if (f.Reason is not null)
                {
                    continue;
                }

                var actual = 0.0;
                for (var h = 1; h <= months && date + h <= asOf; h++)
                {
                    actual += _population[i].Volume(date + h - 1);
                    var p50 = f.P50![h - 1];
                    if (!(p50 > 0))
                    {
                        continue;
                    }

                    var sample = Sample(actual, f, h - 1);
                    (samples[(f.Cohort * months) + h - 1] ??= []).Add(sample);
                    (samples[(Pooled * months) + h - 1] ??= []).Add(sample);
                }

                var seen = asOf - date;
                if (seen < months && f.P50![seen - 1] > 0)
                {
                    // Recent forecasts: the error so far, in units of the band at that horizon, stands for the longer
                    // horizons too (so that horizon h is not learned only from forecasts h months old).
                    var sample = Sample(actual, f, seen - 1);
                    for (var h = seen + 1; h <= months; h++)
                    {
                        (samples[(f.Cohort * months) + h - 1] ??= []).Add(sample);
                        (samples[(Pooled * months) + h - 1] ??= []).Add(sample);
                    }
                }
            }
        }

        var calibration = new (double Shift, double Scale)?[samples.Length];
        for (var key = 0; key < samples.Length; key++)
        {
            if (samples[key] is not { } list || list.Count < _options.MinSamples)
            {
                continue;
            }

            var shift = withShift ? HorizonErrorModel.QuantileOf([.. list.Select(s => s.E)], 0.5) : 0;
            var z = list.Select(s => s.E >= shift ? (s.E - shift) / Math.Max(s.Up, 1e-6) : (shift - s.E) / Math.Max(s.Down, 1e-6)).ToArray();
            calibration[key] = (shift, Math.Clamp(HorizonErrorModel.QuantileOf(z, 0.8), 0.25, 10));
        }

        return calibration;
    }

    /// <summary>A past forecast's error at horizon index <paramref name="h"/>: ln(actual / P50) (the actual floored at
    /// 1 % of the P50: a shut-in), and the band's log half-widths above and below the P50.</summary>
    private static (double E, double Up, double Down) Sample(double actual, BaseForecast f, int h)
    {
        var p50 = f.P50![h];
        return (Math.Log(Math.Max(actual, 0.01 * p50) / p50), Math.Log(f.P10![h] / p50), Math.Log(p50 / f.P90![h]));
    }

    /// <summary>A well's forecast with <paramref name="method"/> for <paramref name="months"/> months from its state.
    /// The level held flat and the own fit take the band's log half-widths of the blend's model at each learned
    /// horizon around their own P50 (the calibration then scales them on their own past errors), and past the learned
    /// horizons grow as the blend does.</summary>
    private BaseForecast ForecastWell(int well, AnchorState state, HorizonErrorModel?[]?[] models, int months, PopulationMethod method)
    {
        var cohort = CohortIndex(state.AgeMonths);
        if (state.Reason is { } reason)
        {
            return new BaseForecast(reason, cohort, state.AgeMonths, null, null, null) { Method = method };
        }

        var hasFit = UsesFit(_population[well], state);
        var byHorizon = ErrorModels(models, cohort, hasFit, out var withFit) ?? ErrorModels(models, Pooled, hasFit, out withFit);
        if (byHorizon is null)
        {
            return new BaseForecast(
                $"too few wells before the as-of date to learn from (fewer than {_options.MinSamples} past anchors of any age)",
                cohort, state.AgeMonths, null, null, null) { Method = method, UsesFit = hasFit };
        }

        var p10 = new double[months];
        var p50 = new double[months];
        var p90 = new double[months];
        var learned = 0;
        for (var h = 1; h <= byHorizon.Length; h++)
        {
            if (byHorizon[h - 1] is not { } model)
            {
                break;
            }

            var flat = state.Flat(h);
            var (low, mid, high) = model.Predict(withFit ? state.FitRatio(h) : null);
            p90[h - 1] = flat * Math.Exp(low);
            p50[h - 1] = flat * Math.Exp(mid);
            p10[h - 1] = flat * Math.Exp(high);
            learned = h;
        }

        Extend(state, learned, p10, p50, p90);
        if (method != PopulationMethod.Blend)
        {
            var own = method == PopulationMethod.OwnFit && hasFit ? state.FitCumulative : null;
            var uptime = Math.Max(state.Uptime, AnchorState.MinUptime);
            var m10 = new double[months];
            var m50 = new double[months];
            var m90 = new double[months];
            for (var h = 1; h <= learned; h++)
            {
                var (low, mid, high) = byHorizon[h - 1]!.Predict(withFit ? state.FitRatio(h) : null);
                m50[h - 1] = own is not null ? own[h - 1] * uptime : state.Flat(h);
                m90[h - 1] = m50[h - 1] * Math.Exp(low - mid);
                m10[h - 1] = m50[h - 1] * Math.Exp(high - mid);
            }

            var last = learned - 1;
            var ratio = p50[last] > 0 ? m50[last] / p50[last] : 1;
            for (var h = learned; h < months; h++)
            {
                m50[h] = m50[h - 1] + (ratio * (p50[h] - p50[h - 1]));
                m10[h] = m50[last] > 0 ? m50[h] * (m10[last] / m50[last]) : 0;
                m90[h] = m50[last] > 0 ? m50[h] * (m90[last] / m50[last]) : 0;
            }

            (p10, p50, p90) = (m10, m50, m90);
        }

        return new BaseForecast(null, cohort, state.AgeMonths, p10, p50, p90,
            new PopulationTail(Math.Max(state.Uptime, AnchorState.MinUptime), state.FitB))
        { Method = method, UsesFit = hasFit };
    }

    /// <summary>The learned models of a cohort, with the own fit when the well has one and the cohort learned it,
    /// or null when the cohort has too few past anchors even at the first horizon.</summary>
    private static HorizonErrorModel?[]? ErrorModels(HorizonErrorModel?[]?[] models, int cohort, bool hasFit, out bool withFit)
    {
        withFit = hasFit && models[Slot(cohort, true)] is { } fitted && fitted[0] is not null;
        return models[Slot(cohort, withFit)] is { } byHorizon && byHorizon[0] is not null ? byHorizon : null;
    }

    /// <summary>Past the last learned horizon, the P50 grows by the own fit's monthly volumes (scaled to the learned
    /// P50; without a fit, by the last learned month's volume declining at the last year's learned rate) and the band
    /// keeps its last relative width.</summary>
    private static void Extend(AnchorState state, int learned, double[] p10, double[] p50, double[] p90)
    {
        var months = p50.Length;
        if (learned >= months)
        {
            return;
        }

        var last = learned - 1;
        var fit = state.FitCumulative;
        var scale = fit is not null && fit[last] > 0 ? p50[last] / fit[last] : 0;
        var lastVolume = last > 0 ? p50[last] - p50[last - 1] : p50[last];
        var back = Math.Max(last - 12, 0);
        var earlierVolume = back > 0 ? p50[back] - p50[back - 1] : p50[0];
        var monthlyDecline = last > back && lastVolume > 0 && earlierVolume > lastVolume
            ? Math.Log(earlierVolume / lastVolume) / (last - back) : 0;
        for (var h = learned; h < months; h++)
        {
            var volume = scale > 0 ? scale * (fit![h] - fit[h - 1]) : lastVolume * Math.Exp(-monthlyDecline * (h - last));
            p50[h] = p50[h - 1] + Math.Max(volume, 0);
            p10[h] = p50[h] * (p10[last] / p50[last]);
            p90[h] = p50[h] * (p90[last] / p50[last]);
        }
    }

    /// <summary>The rows after the first <paramref name="skipped"/> months (a month partly reported before the as-of
    /// date, <see cref="Forecast"/>), their volumes as they are and their cumulatives from the first row kept: each
    /// quantile's cumulative less its cumulative through the skipped months (the P50's exactly the sum of its volumes),
    /// the P10 at least and the P90 at most the P50's (a difference of two quantiles is not ordered by itself), the P90
    /// at least 0. Still non-decreasing: a maximum and a minimum of non-decreasing sequences.</summary>
    private static List<PopulationForecastMonth> After(List<PopulationForecastMonth> rows, int skipped)
    {
        if (skipped == 0)
        {
            return rows;
        }

        var before = rows[skipped - 1];
        var kept = new List<PopulationForecastMonth>(rows.Count - skipped);
        for (var h = skipped; h < rows.Count; h++)
        {
            var m = rows[h];
            var c50 = m.CumP50 - before.CumP50;
            kept.Add(m with
            {
                CumP10 = Math.Max(m.CumP10 - before.CumP10, c50),
                CumP50 = c50,
                CumP90 = Math.Min(Math.Max(m.CumP90 - before.CumP90, 0), c50),
            });
        }

        return kept;
    }

    /// <summary>Monthly rows: cumulatives made non-decreasing, the month's P50 volume = the step of the P50
    /// cumulative, its P10/P90 the P50 volume times the cumulative's relative band.</summary>
    private static List<PopulationForecastMonth> Months(int asOf, double[] p10, double[] p50, double[] p90)
    {
        var rows = new List<PopulationForecastMonth>(p50.Length);
        double c10 = 0, c50 = 0, c90 = 0;
        for (var h = 0; h < p50.Length; h++)
        {
            var n10 = Math.Max(c10, p10[h]);
            var n50 = Math.Max(c50, p50[h]);
            var n90 = Math.Max(c90, p90[h]);
            var volume = n50 - c50;
            var ratio10 = n50 > 0 ? n10 / n50 : 1;
            var ratio90 = n50 > 0 ? n90 / n50 : 1;
            rows.Add(new PopulationForecastMonth(MonthIndex.Date(asOf + h), volume * ratio10, volume, volume * ratio90, n10, n50, n90));
            (c10, c50, c90) = (n10, n50, n90);
        }

        return rows;
    }
}

namespace Wellhouse.Decline.Tests;

/// <summary>Segment detection: running median, peak, restarts.</summary>
public sealed class SegmentDetectorTests
{
    [Fact]
    public void RunningMedian_RandomValues_MatchesSortedWindows()
    {
        var random = new Random(11);
        var values = Enumerable.Range(0, 500).Select(_ => Math.Round(random.NextDouble() * 20)).ToArray();
        var result = new double[values.Length];

        SegmentDetector.RunningMedian(values, result);

        for (var i = 0; i < values.Length; i++)
        {
            var window = values[Math.Max(0, i - 2)..Math.Min(values.Length, i + 3)].Order().ToArray();
            var m = window.Length;
            var expected = m % 2 == 1 ? window[m / 2] : 0.5 * (window[(m / 2) - 1] + window[m / 2]);
            Assert.Equal(expected, result[i]);
        }
    }

    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(9)]
    [InlineData(10)]
    [InlineData(11)]
    [InlineData(13)]
    public void RunningMedian_ShortSeries_MatchesSortedWindowsAtEveryIndex(int length)
    {
        var random = new Random(length);
        var values = Enumerable.Range(0, length).Select(_ => random.NextDouble()).ToArray();
        var result = new double[length];

        SegmentDetector.RunningMedian(values, result);

        for (var i = 0; i < length; i++)
        {
            var window = values[Math.Max(0, i - 2)..Math.Min(length, i + 3)].Order().ToArray();
            var m = window.Length;
            var expected = m % 2 == 1 ? window[m / 2] : 0.5 * (window[(m / 2) - 1] + window[m / 2]);
            Assert.Equal(expected, result[i]);
        }
    }

    [Fact]
    public void Detect_SingleSpike_IsNeitherPeakNorRestart()
    {
        var y = Enumerable.Range(0, 100).Select(i => 5 - (0.01 * i)).ToArray();
        y[40] += 2;

        var segments = SegmentDetector.Detect(y, 1.5, 6, detectRestarts: true, startAtPeak: true);

        Assert.Equal([(0, 100)], segments);
    }

    [Fact]
    public void Detect_BuildUpThenDeclineThenRestart_FindsTwoSegmentsFromTheirPeaks()
    {
        var y = new[] { 3.0, 4, 4.5 }.Concat(Enumerable.Range(0, 50).Select(i => 5 - (0.02 * i)))
            .Concat(Enumerable.Range(0, 50).Select(i => 4.8 - (0.01 * i))).ToArray();

        var segments = SegmentDetector.Detect(y, 1.5, 6, detectRestarts: true, startAtPeak: true);

        Assert.Equal(2, segments.Count);
        Assert.Equal(3, segments[0].Start);
        Assert.InRange(segments[1].Start, 53, 55);
        Assert.Equal(y.Length, segments[1].End);
    }
}

using Wellhouse.Warehouse;

namespace Wellhouse.Tests.Warehouse;

public sealed class LowessTests
{
    /// <summary>The median as a sort gives it: the middle value, or the mean of the two middle values.</summary>
    private static double SortedMedian(double[] values)
    {
        var sorted = values.ToArray();
        Array.Sort(sorted);
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    [Fact]
    public void Median_RandomValuesWithTiesAndNaN_EqualsTheSortedMiddle()
    {
        var random = new Random(3);
        for (var trial = 0; trial < 2_000; trial++)
        {
            var values = new double[random.Next(1, 60)];
            for (var i = 0; i < values.Length; i++)
            {
                values[i] = random.Next(10) switch
                {
                    0 => double.NaN,
                    1 => 0.5,
                    2 => random.Next(3),
                    _ => (random.NextDouble() * 20) - 10,
                };
            }

            Assert.Equal(SortedMedian(values), Lowess.Median(values));
        }
    }

    [Theory]
    [InlineData(new double[] { 3, 1, 2 }, 2)]
    [InlineData(new double[] { 4, 1, 3, 2 }, 2.5)]
    [InlineData(new double[] { 7 }, 7)]
    [InlineData(new double[0], 0)]
    public void Median_SmallInputs_IsTheMiddle(double[] values, double median)
    {
        Assert.Equal(median, Lowess.Median(values));
    }
}

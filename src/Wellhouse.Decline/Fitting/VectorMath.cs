using System.Runtime.Intrinsics;

namespace Wellhouse.Decline;

/// <summary>Element-wise math over spans, four lanes at a time where the hardware allows.</summary>
internal static class VectorMath
{
    /// <summary>Replaces every value by its natural logarithm.</summary>
    public static void LogInPlace(Span<double> values)
    {
        var i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i <= values.Length - 4; i += 4)
            {
                var slice = values.Slice(i, 4);
                Vector256.Log(Vector256.Create(slice)).CopyTo(slice);
            }
        }

        for (; i < values.Length; i++)
        {
            values[i] = Math.Log(values[i]);
        }
    }
}

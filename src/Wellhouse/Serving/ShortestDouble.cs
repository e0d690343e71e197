using System.Numerics;

namespace Wellhouse.Serving;

/// <summary>
/// The shortest round-trip text of a double, byte for byte as .NET writes it (<c>double.TryFormat</c> with no format,
/// invariant culture, which <c>Utf8JsonWriter.WriteNumberValue</c> writes), in less than half of .NET's time for the values
/// a series holds (.NET's formatter is the largest cost of a series answer). The digits are the fewest that read back
/// as the same double (IEEE round-half-even), the closest to the value among those; the layout is .NET's: plain
/// notation, scientific (<c>1.5E-05</c>) when the value is below 1e-4. Exact integer arithmetic on 128 bits covers
/// values (either sign) from about 1e-6 up to 2^53 that are not powers of two; any other value, and a value exactly
/// halfway between two shortest candidates, is left to .NET (<see cref="TryFormat"/> returns false). Tests compare it
/// with .NET on millions of doubles of every kind.
/// </summary>
[System.Runtime.CompilerServices.SkipLocalsInit]
internal static class ShortestDouble
{
    private const ulong Low = 10_000_000_000_000_000; // 1e16: the scaled value holds 17 digits
    private const ulong High = 100_000_000_000_000_000; // 1e17
    private const int MaxScale = 22; // 10^22 * 2^54 < 2^128

    private static readonly ulong[] Powers = PowersOfTen();
    private static readonly UInt128[] WidePowers = [.. Enumerable.Range(0, MaxScale + 1).Select(i => (UInt128)BigInteger.Pow(10, i))];

    private static ulong[] PowersOfTen()
    {
        var powers = new ulong[20];
        powers[0] = 1;
        for (var i = 1; i < powers.Length; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    /// <summary>Writes the value's text into <paramref name="destination"/> (at least 32 bytes), or returns false when
    /// the fast path does not cover it.</summary>
    public static bool TryFormat(double value, Span<byte> destination, out int written)
    {
        written = 0;
        var bits = BitConverter.DoubleToUInt64Bits(value);
        if (bits == 0)
        {
            destination[0] = (byte)'0';
            written = 1;
            return true;
        }

        var biased = (int)(bits >> 52) & 0x7FF;
        var fraction = bits & 0xF_FFFF_FFFF_FFFF;
        var exponent = biased - 1075; // value = significand * 2^exponent
        if (biased == 0 || fraction == 0 || exponent >= 0 || exponent < -125)
        {
            return false; // subnormal, power of two (uneven neighbours), infinity/NaN, >= 2^53, or too small
        }

        var significand = fraction | (1UL << 52);
        var shift = -exponent;

        // The scale k that puts value * 10^k in [1e16, 1e17): floor(log10(value)) is the estimate or one more
        // (78913 / 2^18 ~ log10(2); an arithmetic shift floors negative products).
        var scale = 16 - (((exponent + 52) * 78913) >> 18);
        if (scale > MaxScale)
        {
            return false;
        }

        var found = scale < Powers.Length && shift < 63
            ? Narrow(significand, ref scale, shift, out var whole, out var lower, out var upper, out var remainderHalf, out var remainderZero)
            : Wide(significand, ref scale, shift, out whole, out lower, out upper, out remainderHalf, out remainderZero);
        if (!found)
        {
            return false;
        }

        // The largest power of ten with a multiple in [lower, upper].
        var power = 0;
        for (ulong below = lower - 1, above = upper; below / 10 != above / 10; below /= 10, above /= 10)
        {
            power++;
        }

        // The multiple of 10^power closest to value * 10^k.
        var step = Powers[power];
        var digits = whole / step;
        var rest = whole - (digits * step);
        int direction; // > 0: round up
        if (power == 0)
        {
            direction = remainderHalf;
        }
        else
        {
            var half = step / 2;
            direction = rest > half ? 1 : rest < half ? -1 : remainderZero ? 0 : 1;
        }

        if (direction == 0)
        {
            return false; // halfway between two candidates: .NET's own rule decides
        }

        if (direction > 0)
        {
            digits++;
        }

        var candidate = digits * step;
        if (candidate < lower || candidate > upper)
        {
            return false;
        }

        while (digits % 10 == 0)
        {
            digits /= 10;
            power++;
        }

        var count = CountDigits(digits);
        var decimalExponent = count + power - scale; // value = 0.DIGITS * 10^decimalExponent
        var at = 0;
        if ((long)bits < 0)
        {
            destination[at++] = (byte)'-';
        }

        if (decimalExponent <= 0)
        {
            if (decimalExponent < -3)
            {
                written = Scientific(destination, at, digits, count, decimalExponent - 1);
                return true;
            }

            // 0.000DIGITS
            destination[at++] = (byte)'0';
            destination[at++] = (byte)'.';
            destination.Slice(at, -decimalExponent).Fill((byte)'0');
            at -= decimalExponent;
            WriteDigits(destination.Slice(at, count), digits);
            written = at + count;
        }
        else if (decimalExponent < count)
        {
            // INT.FRACTION: the digits one place to the right, then the integer part moved left over the point's place
            var text = destination.Slice(at, count + 1);
            WriteDigits(text[1..], digits);
            for (var i = 0; i < decimalExponent; i++)
            {
                text[i] = text[i + 1];
            }

            text[decimalExponent] = (byte)'.';
            written = at + count + 1;
        }
        else
        {
            WriteDigits(destination.Slice(at, count), digits);
            destination.Slice(at + count, decimalExponent - count).Fill((byte)'0');
            written = at + decimalExponent;
        }

        return true;
    }

    /// <summary>D.DDDDE-XX (the fast path meets only negative exponents).</summary>
    private static int Scientific(Span<byte> destination, int at, ulong digits, int count, int exponent)
    {
        WriteDigits(destination.Slice(at + 1, count), digits);
        destination[at] = destination[at + 1];
        if (count > 1)
        {
            destination[at + 1] = (byte)'.';
            at += count + 1;
        }
        else
        {
            at++;
        }

        destination[at++] = (byte)'E';
        destination[at++] = exponent < 0 ? (byte)'-' : (byte)'+';
        exponent = Math.Abs(exponent);
        if (exponent >= 100)
        {
            destination[at++] = (byte)('0' + (exponent / 100));
            exponent %= 100;
        }

        destination[at++] = (byte)('0' + (exponent / 10));
        destination[at++] = (byte)('0' + (exponent % 10));
        return at;
    }

    /// <summary>value * 10^k as whole units and the fraction's place against a half (sign) and zero, with the bounds of
    /// the values that read back as this double, in units: [lower, upper] around value * 10^k, half a unit in the last
    /// place either side, the ends included when the significand is even (round-half-even). False when value * 10^k is
    /// not in [1e16, 1e17) with this k or the next lower one.</summary>
    private static bool Narrow(ulong significand, ref int scale, int shift, out ulong whole, out ulong lower, out ulong upper,
        out int remainderHalf, out bool remainderZero)
    {
        // 64-bit arithmetic: 10^k < 2^64 and the shift below 63. exact = significand * 10^k = whole * 2^shift + remainder.
        var high = Math.BigMul(significand, Powers[scale], out var low);
        whole = (high << (64 - shift)) | (low >> shift);
        if (whole >= High)
        {
            if (--scale < 0)
            {
                (lower, upper, remainderHalf, remainderZero) = (0, 0, 0, false);
                return false;
            }

            high = Math.BigMul(significand, Powers[scale], out low);
            whole = (high << (64 - shift)) | (low >> shift);
        }

        var remainder = low & ((1UL << shift) - 1);
        var half = 1UL << (shift - 1);
        remainderHalf = remainder > half ? 1 : remainder < half ? -1 : 0;
        remainderZero = remainder == 0;

        // (2 exact -+ 10^k) / 2^(shift + 1) = whole -+ unitHigh + (2 remainder -+ unitLow) / 2^(shift + 1), where
        // 10^k = unitHigh * 2^(shift + 1) + unitLow.
        var unit = Powers[scale];
        var unitHigh = unit >> (shift + 1);
        var boundMask = (1UL << (shift + 1)) - 1;
        var unitLow = unit & boundMask;
        var even = (significand & 1) == 0;
        var below = (long)(remainder << 1) - (long)unitLow; // in (-2^(shift + 1), 2^(shift + 1))
        lower = whole - unitHigh - (below < 0 ? 1UL : 0UL);
        if (!even || below != 0)
        {
            lower++;
        }

        var above = (remainder << 1) + unitLow; // in [0, 2^(shift + 2))
        upper = whole + unitHigh + (above >> (shift + 1));
        if (!even && (above & boundMask) == 0)
        {
            upper--;
        }

        return whole is >= Low and < High && lower <= upper;
    }

    /// <summary><see cref="Narrow"/> in 128-bit arithmetic, for 10^k over 2^64 or a shift of 63 and more.</summary>
    private static bool Wide(ulong significand, ref int scale, int shift, out ulong whole, out ulong lower, out ulong upper,
        out int remainderHalf, out bool remainderZero)
    {
        (lower, upper, remainderHalf, remainderZero) = (0, 0, 0, false);
        var exact = Multiply(significand, scale);
        whole = (ulong)(exact >> shift);
        if (whole >= High)
        {
            if (--scale < 0)
            {
                return false;
            }

            exact = Multiply(significand, scale);
            whole = (ulong)(exact >> shift);
        }

        if (whole is < Low or >= High)
        {
            return false;
        }

        var remainder = exact & ((UInt128.One << shift) - 1);
        var half = UInt128.One << (shift - 1);
        remainderHalf = remainder > half ? 1 : remainder < half ? -1 : 0;
        remainderZero = remainder == 0;
        var twice = exact << 1;
        var unit = WidePowers[scale];
        var even = (significand & 1) == 0;
        var lowerExact = twice - unit; // (2m - 1) * 10^k and (2m + 1) * 10^k, over 2^(shift + 1)
        var upperExact = twice + unit;
        var boundShift = shift + 1;
        var boundMask = (UInt128.One << boundShift) - 1;
        lower = (ulong)(lowerExact >> boundShift);
        if (!even || (lowerExact & boundMask) != 0)
        {
            lower++;
        }

        upper = (ulong)(upperExact >> boundShift);
        if (!even && (upperExact & boundMask) == 0)
        {
            upper--;
        }

        return lower <= upper;
    }

    private static UInt128 Multiply(ulong significand, int scale)
    {
        if (scale < Powers.Length)
        {
            var high = Math.BigMul(significand, Powers[scale], out var low);
            return new UInt128(high, low);
        }

        return significand * WidePowers[scale];
    }

    private static int CountDigits(ulong value)
    {
        // An estimate from the bit length (log10(2) ~ 1233 / 4096), one too low at most.
        var estimate = ((BitOperations.Log2(value) + 1) * 1233) >> 12;
        return estimate + (value >= Powers[estimate] ? 1 : 0);
    }

    /// <summary>"00" to "99" as little-endian pairs of ASCII digits.</summary>
    private static readonly ushort[] Pairs = [.. Enumerable.Range(0, 100).Select(i => (ushort)(('0' + (i / 10)) | (('0' + (i % 10)) << 8)))];

    /// <summary>The value's last <c>target.Length</c> digits (up to 17) into <paramref name="target"/>.</summary>
    private static unsafe void WriteDigits(Span<byte> target, ulong value)
    {
        fixed (byte* start = target)
        {
            var end = start + target.Length;
            if (target.Length > 8)
            {
                // Two independent halves: the last eight digits in 32-bit arithmetic.
                var high = value / 100_000_000;
                WritePairs(end, (uint)(value - (high * 100_000_000)), 8);
                WritePairs(end - 8, (uint)high, target.Length - 8);
            }
            else
            {
                WritePairs(end, (uint)value, target.Length);
            }
        }
    }

    /// <summary><paramref name="count"/> digits of the value, ending before <paramref name="end"/>, two at a time.</summary>
    private static unsafe void WritePairs(byte* end, uint value, int count)
    {
        var pairs = Pairs;
        for (; count >= 2; count -= 2)
        {
            var next = value / 100;
            end -= 2;
            *(ushort*)end = pairs[value - (next * 100)];
            value = next;
        }

        if (count == 1)
        {
            end[-1] = (byte)('0' + value);
        }
    }
}

using System.Numerics;

namespace Wellhouse.Serving;

/// <summary>
/// The shortest round-trip text of a double, byte for byte as .NET writes it (<c>double.TryFormat</c> with no format,
/// invariant culture, which <c>Utf8JsonWriter.WriteNumberValue</c> writes), in about half of .NET's time for the values
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

        // The scale k that puts value * 10^k in [1e16, 1e17): floor(log10(value)) is estimate or estimate + 1.
        var scale = 16 - (int)Math.Floor((exponent + 52) * 0.30102999566398119521);
        if (scale > MaxScale)
        {
            return false;
        }

        var exact = Multiply(significand, scale);
        var whole = (ulong)(exact >> shift);
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

        // The values that read back as this double, in units of 10^-k: [lower, upper] around value * 10^k, half a
        // unit in the last place either side, the ends included when the significand is even (round-half-even).
        var twice = exact << 1;
        var unit = WidePowers[scale];
        var even = (significand & 1) == 0;
        var lowerExact = twice - unit; // (2m - 1) * 10^k and (2m + 1) * 10^k, over 2^(shift + 1)
        var upperExact = twice + unit;
        var boundShift = shift + 1;
        var boundMask = (UInt128.One << boundShift) - 1;
        var lower = (ulong)(lowerExact >> boundShift);
        if (!even || (lowerExact & boundMask) != 0)
        {
            lower++;
        }

        var upper = (ulong)(upperExact >> boundShift);
        if (!even && (upperExact & boundMask) == 0)
        {
            upper--;
        }

        if (lower > upper)
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
        var remainder = exact & ((UInt128.One << shift) - 1);
        int direction; // > 0: round up
        if (power == 0)
        {
            var half = UInt128.One << (shift - 1);
            direction = remainder > half ? 1 : remainder < half ? -1 : 0;
        }
        else
        {
            var half = step / 2;
            direction = rest > half ? 1 : rest < half ? -1 : remainder > 0 ? 1 : 0;
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
            WriteDigits(destination.Slice(at + 1, count), digits);
            destination.Slice(at + 1, decimalExponent).CopyTo(destination[at..]);
            destination[at + decimalExponent] = (byte)'.';
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

    private static ReadOnlySpan<byte> Pairs => "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"u8;

    private static void WriteDigits(Span<byte> target, ulong value)
    {
        if (target.Length > 8)
        {
            // Two independent halves: the last eight digits in 32-bit arithmetic.
            var high = value / 100_000_000;
            WriteDigits(target[^8..], (uint)(value - (high * 100_000_000)));
            WriteDigits(target[..^8], (uint)high);
            return;
        }

        WriteDigits(target, (uint)value);
    }

    private static void WriteDigits(Span<byte> target, uint value)
    {
        var i = target.Length;
        while (i >= 2)
        {
            var next = value / 100;
            var pair = (int)(value - (next * 100)) * 2;
            target[i - 1] = Pairs[pair + 1];
            target[i - 2] = Pairs[pair];
            value = next;
            i -= 2;
        }

        if (i == 1)
        {
            target[0] = (byte)('0' + value);
        }
    }
}

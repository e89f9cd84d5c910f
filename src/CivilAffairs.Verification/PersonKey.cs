namespace CivilAffairs.Verification;

/// <summary>
/// An 18-character resident ID number packed into one 64-bit integer: the 17 digits as a number, times 11, plus the
/// check character's value (X = 10). Order of keys = order of ID numbers; 0 is never a valid key.
/// </summary>
public static class PersonKey
{
    private static ReadOnlySpan<byte> Weights => [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    /// <summary>Packs a valid ID number (ASCII or UTF-16 span); 0 when it is malformed or its check character is wrong.</summary>
    public static ulong Pack(ReadOnlySpan<char> id)
    {
        if (id.Length != 18) return 0;
        ulong value = 0;
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = id[i] - '0';
            if ((uint)d > 9) return 0;
            value = value * 10 + (ulong)d;
            sum += d * Weights[i];
        }
        var expected = CheckCharacters[sum % 11];
        var c = id[17] == 'x' ? 'X' : id[17];
        if (c != expected) return 0;
        var check = c == 'X' ? 10UL : (ulong)(c - '0');
        return value * 11 + check;
    }

    /// <summary>
    /// The same for UTF-8 bytes, without decoding (the feed parser's hot path): eight digits at a time in one 64-bit
    /// word ("SWAR") — validated, converted and weighted for the check character with a few multiplications instead of
    /// a 17-step loop.
    /// </summary>
    public static ulong Pack(ReadOnlySpan<byte> id)
    {
        if (id.Length != 18) return 0;
        var a = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(id);       // characters 0–7
        var b = System.Buffers.Binary.BinaryPrimitives.ReadUInt64LittleEndian(id[8..]);  // characters 8–15
        var last = id[16] - (byte)'0';
        if (!EightDigits(a) || !EightDigits(b) || (uint)last > 9) return 0;
        a -= 0x3030303030303030UL;
        b -= 0x3030303030303030UL;
        // weights 7 9 10 5 8 4 2 1 | 6 3 7 9 10 5 8 4 | 2, split into the even and odd characters of each word
        var sum = Weighted(a, 0x0007_000A_0008_0002UL, 0x0009_0005_0004_0001UL)
                  + Weighted(b, 0x0006_0007_000A_0008UL, 0x0003_0009_0005_0004UL)
                  + last * 2;
        var expected = (byte)CheckCharacters[sum % 11];
        var c = id[17] == (byte)'x' ? (byte)'X' : id[17];
        if (c != expected) return 0;
        var check = c == (byte)'X' ? 10UL : (ulong)(c - (byte)'0');
        var value = EightValue(a) * 1_000_000_000UL + EightValue(b) * 10 + (ulong)last;
        return value * 11 + check;
    }

    /// <summary>Every byte of the word is an ASCII digit.</summary>
    private static bool EightDigits(ulong x) =>
        (x & 0xF0F0F0F0F0F0F0F0UL) == 0x3030303030303030UL && ((x + 0x0606060606060606UL) & 0xF0F0F0F0F0F0F0F0UL) == 0x3030303030303030UL;

    /// <summary>Σ digit × weight over a word of eight digit values (first character in the lowest byte).</summary>
    private static int Weighted(ulong digits, ulong evenWeights, ulong oddWeights)
    {
        // digits 0, 2, 4, 6 (and 1, 3, 5, 7) in 16-bit lanes; multiplying by the weights in reverse lane order gathers
        // the dot product in the top lane (each lane's sum is at most 4 × 9 × 10, so nothing carries between lanes)
        var even = digits & 0x00FF00FF00FF00FFUL;
        var odd = (digits >> 8) & 0x00FF00FF00FF00FFUL;
        return (int)((even * evenWeights) >> 48) + (int)((odd * oddWeights) >> 48);
    }

    /// <summary>The number written by eight digit values (first character most significant).</summary>
    private static ulong EightValue(ulong x)
    {
        x = x * 10 + (x >> 8);                     // byte pairs: 10 × d0 + d1, …
        x = ((x & 0x000000FF000000FFUL) * (100 + (1_000_000UL << 32)) + ((x >> 16) & 0x000000FF000000FFUL) * (1 + (10_000UL << 32))) >> 32;
        return x;
    }

    public static string Unpack(ulong key)
    {
        if (key == 0) return "";
        var check = (int)(key % 11);
        var value = key / 11;
        Span<char> chars = stackalloc char[18];
        for (var i = 16; i >= 0; i--)
        {
            chars[i] = (char)('0' + (int)(value % 10));
            value /= 10;
        }
        chars[17] = check == 10 ? 'X' : (char)('0' + check);
        return new string(chars);
    }

    /// <summary>Birth date encoded in the key (digits 7–14), as yyyymmdd.</summary>
    public static int BirthDate(ulong key) => (int)(key / 11 / 1000 % 100_000_000);
}

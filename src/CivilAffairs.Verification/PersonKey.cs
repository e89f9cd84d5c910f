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

    /// <summary>The same for UTF-8 bytes, without decoding (the feed parser's hot path).</summary>
    public static ulong Pack(ReadOnlySpan<byte> id)
    {
        if (id.Length != 18) return 0;
        ulong value = 0;
        var sum = 0;
        var weights = Weights;
        for (var i = 0; i < 17; i++)
        {
            var d = id[i] - (byte)'0';
            if ((uint)d > 9) return 0;
            value = value * 10 + (ulong)d;
            sum += d * weights[i];
        }
        var expected = (byte)CheckCharacters[sum % 11];
        var c = id[17] == (byte)'x' ? (byte)'X' : id[17];
        if (c != expected) return 0;
        var check = c == (byte)'X' ? 10UL : (ulong)(c - (byte)'0');
        return value * 11 + check;
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

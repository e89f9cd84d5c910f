using System.Globalization;

namespace CivilAffairs.Web.Kernel.Registry;

public enum Gender
{
    Male = 1,
    Female = 2,
}

/// <summary>
/// A resident identity number (居民身份证号码) per GB 11643-1999: 6 region digits, 8 birth-date digits,
/// 3 sequence digits (odd = male) and a check character. 15-digit numbers are converted to 18.
/// </summary>
public readonly record struct CitizenId
{
    private static readonly int[] Weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
    private const string CheckCharacters = "10X98765432";

    public string Value { get; }
    public DateOnly BirthDate { get; }
    public Gender Gender { get; }
    public string RegionCode => Value[..6];

    private CitizenId(string value, DateOnly birthDate, Gender gender)
    {
        Value = value;
        BirthDate = birthDate;
        Gender = gender;
    }

    public override string ToString() => Value;

    /// <summary>The check character for the first 17 characters of an 18-character number.</summary>
    public static char ComputeCheckCharacter(ReadOnlySpan<char> first17)
    {
        if (first17.Length != 17) throw new ArgumentException("需要 17 位本体码", nameof(first17));
        var sum = 0;
        for (var i = 0; i < 17; i++)
        {
            var d = first17[i] - '0';
            if (d is < 0 or > 9) throw new ArgumentException("本体码只能是数字", nameof(first17));
            sum += d * Weights[i];
        }
        return CheckCharacters[sum % 11];
    }

    /// <summary>Parses and validates; <paramref name="today"/> bounds the birth date.</summary>
    public static bool TryParse(string? input, DateOnly today, out CitizenId id, out string error)
    {
        id = default;
        var s = (input ?? string.Empty).Trim().ToUpperInvariant();
        if (s.Length == 15)
        {
            if (!s.All(char.IsAsciiDigit))
            {
                error = "15 位身份证号码只能由数字组成";
                return false;
            }
            var body = s[..6] + "19" + s[6..];
            s = body + ComputeCheckCharacter(body);
        }
        else if (s.Length != 18)
        {
            error = "身份证号码应为 18 位（或旧的 15 位）";
            return false;
        }
        for (var i = 0; i < 17; i++)
        {
            if (!char.IsAsciiDigit(s[i]))
            {
                error = "身份证号码前 17 位只能是数字";
                return false;
            }
        }
        if (!(char.IsAsciiDigit(s[17]) || s[17] == 'X'))
        {
            error = "身份证号码最后一位只能是数字或 X";
            return false;
        }
        if (!DateOnly.TryParseExact(s.AsSpan(6, 8), "yyyyMMdd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var birth))
        {
            error = "身份证号码中的出生日期不存在";
            return false;
        }
        if (birth > today)
        {
            error = "身份证号码中的出生日期晚于今天";
            return false;
        }
        if (birth.Year < 1850)
        {
            error = "身份证号码中的出生日期不合理";
            return false;
        }
        var expected = ComputeCheckCharacter(s.AsSpan(0, 17));
        if (expected != s[17])
        {
            error = "身份证号码校验位错误，请核对号码";
            return false;
        }
        var gender = (s[16] - '0') % 2 == 1 ? Gender.Male : Gender.Female;
        id = new CitizenId(s, birth, gender);
        error = string.Empty;
        return true;
    }

    public static CitizenId Parse(string input, DateOnly today) =>
        TryParse(input, today, out var id, out var error) ? id : throw new FormatException(error);

    /// <summary>Age in whole years on a date.</summary>
    public static int AgeOn(DateOnly birthDate, DateOnly on)
    {
        var age = on.Year - birthDate.Year;
        if (on < birthDate.AddYears(age)) age--;
        return Math.Max(0, age);
    }
}

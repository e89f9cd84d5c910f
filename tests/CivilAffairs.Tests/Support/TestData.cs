using CivilAffairs.Web.Kernel.Registry;

namespace CivilAffairs.Tests.Support;

/// <summary>Valid, unique, synthetic ID numbers for tests (region 420202, birth years 1930–1999 outside the demo sequence).</summary>
public static class TestData
{
    private static int _counter = Random.Shared.Next(0, 50_000);

    public const string Damatou = "420202070004";   // 大码头社区 (花湖街道)
    public const string Tianfang = "420202070001";  // 天方社区 (花湖街道)
    public const string Yaguang = "420202002001";   // 亚光社区 (沈家营街道)

    public static string NewId(bool male = true)
    {
        var n = Interlocked.Increment(ref _counter);
        var birth = new DateOnly(1930, 1, 1).AddDays(n % 25_000);
        // sequence 500–999 is never reached by the demo seeder (it numbers upwards from 000 per birth date)
        var seq = 500 + (n / 25_000 % 250) * 2 + (male ? 1 : 0);
        var body = "420202" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return body + CitizenId.ComputeCheckCharacter(body);
    }

    /// <summary>A valid, unique ID number of a person born on <paramref name="birth"/>.</summary>
    public static string NewIdBorn(DateOnly birth, bool male = true)
    {
        var n = Interlocked.Increment(ref _counter);
        var seq = 500 + n % 250 * 2 + (male ? 1 : 0);
        var body = "420202" + birth.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + seq.ToString("000", System.Globalization.CultureInfo.InvariantCulture);
        return body + CitizenId.ComputeCheckCharacter(body);
    }

    /// <summary>The same ID with a wrong check character.</summary>
    public static string WithWrongCheck(string id)
    {
        var right = id[17];
        var wrong = right == '1' ? '2' : '1';
        return id[..17] + wrong;
    }
}

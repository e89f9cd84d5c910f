using System.Buffers.Text;
using System.Text;
using CivilAffairs.Verification.Feeds;

namespace CivilAffairs.Verification.Synthetic;

/// <summary>
/// Realistic synthetic partner-department feeds at any scale, in the documented schemas and in the order real
/// exports come (monthly files sorted by month, so one person's rows are spread over the file). Deterministic for a
/// seed. Used by bench/ (scale runs), by tests, and for demo data. About 12 feed records per household.
/// </summary>
public sealed class FeedGenerator(int households, int seed = 2026, DateOnly? asOf = null)
{
    public DateOnly AsOf { get; } = asOf ?? new DateOnly(2026, 11, 1);

    private static readonly string[] Regions = ["420202", "420203", "420204", "420205", "420281", "420222"];
    private static readonly string[] Banks = ["工商银行", "农业银行", "中国银行", "建设银行", "邮储银行", "湖北银行", "黄石农商行"];
    private static readonly string[] Surnames = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "胡", "朱", "高", "林"];
    private static readonly string[] Given = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超"];

    /// <summary>The persons of each household (generated, not read back): for verification input and equality tests.</summary>
    public List<(long HouseholdId, ulong[] Members)> Households { get; } = [];

    private readonly record struct PersonInfo(ulong Key, string Id, byte Role, byte Status, int Wage, int Pension);
    // Role: 0 none, 1 earner (tax), 2 pensioner (social insurance)

    /// <summary>Writes households.csv and one CSV per feed into <paramref name="directory"/>; returns the feed record count.</summary>
    public long WriteAll(string directory)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var persons = new List<PersonInfo>((int)(households * 2.7));
        var counter = 0L;
        using (var w = Writer(Path.Combine(directory, "households.csv")))
        {
            w.Line("household_id,id_number");
            for (var h = 1; h <= households; h++)
            {
                var size = SampleSize(random);
                var members = new ulong[size];
                for (var m = 0; m < size; m++)
                {
                    var id = NextId(random, ref counter, m == 0 ? 25 + random.Next(60) : random.Next(90));
                    var key = PersonKey.Pack(id);
                    members[m] = key;
                    var roll = random.Next(1000);
                    var age = AgeOf(id);
                    byte role = age >= 60 ? (roll < 200 ? (byte)2 : (byte)0) : age >= 18 ? (roll < 260 ? (byte)1 : (byte)0) : (byte)0;
                    var status = (byte)(roll % 200 == 7 ? FeedCodes.Deceased : roll % 333 == 5 ? FeedCodes.MovedOut : roll % 500 == 3 ? 0 : FeedCodes.Normal);
                    persons.Add(new PersonInfo(key, id, role, status, 1500 + random.Next(6500), 1200 + random.Next(2800)));
                    w.Line($"{h},{id}");
                }
                Households.Add((h, members));
            }
        }

        long records = 0;
        using (var w = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.HouseholdRegistration))))
        {
            w.Line(string.Join(',', FeedSchema.Columns(FeedKind.HouseholdRegistration)));
            foreach (var p in persons)
            {
                if (p.Status == 0) continue; // not in the registration data
                var name = Surnames[(int)(p.Key % 16)] + Given[(int)(p.Key / 16 % 16)];
                var status = p.Status == FeedCodes.Deceased ? "deceased" : p.Status == FeedCodes.MovedOut ? "moved_out" : "normal";
                var date = p.Status == FeedCodes.Normal ? "" : AsOf.AddDays(-(int)(p.Key % 300) - 10).ToString("yyyy-MM-dd");
                w.Line($"{p.Id},{name},{status},{date}");
                records++;
            }
        }

        // Monthly files, month by month (as partner departments export them).
        var months = Enumerable.Range(1, 12).Select(i => new DateOnly(AsOf.Year, AsOf.Month, 1).AddMonths(-i)).Reverse().ToList();
        using (var w = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.Tax))))
        {
            w.Line(string.Join(',', FeedSchema.Columns(FeedKind.Tax)));
            foreach (var month in months)
            {
                var m = month.ToString("yyyy-MM");
                foreach (var p in persons)
                {
                    if (p.Role != 1) continue;
                    var amount = p.Wage * 100L + (long)(p.Key % 97) * (month.Month % 3);
                    w.Row(p.Id, m, "wage", amount);
                    records++;
                }
            }
        }
        using (var w = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.SocialInsurance))))
        {
            w.Line(string.Join(',', FeedSchema.Columns(FeedKind.SocialInsurance)));
            foreach (var month in months)
            {
                var m = month.ToString("yyyy-MM");
                foreach (var p in persons)
                {
                    if (p.Role != 2) continue;
                    w.Line($"{p.Id},{m},{p.Pension}.00,163.00,0");
                    records += 2;
                }
            }
        }

        // Asset files: one row per holding, in person order.
        var rnd = new Random(seed + 1);
        using var fund = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.HousingFund)));
        using var estate = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.RealEstate)));
        using var vehicles = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.Vehicles)));
        using var business = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.MarketEntities)));
        using var deposits = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.BankDeposits)));
        using var securities = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.Securities)));
        using var insurance = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.CommercialInsurance)));
        using var utilities = Writer(Path.Combine(directory, FeedSchema.FileName(FeedKind.Utilities)));
        foreach (var (w, feed) in new[] { (fund, FeedKind.HousingFund), (estate, FeedKind.RealEstate), (vehicles, FeedKind.Vehicles), (business, FeedKind.MarketEntities),
                     (deposits, FeedKind.BankDeposits), (securities, FeedKind.Securities), (insurance, FeedKind.CommercialInsurance), (utilities, FeedKind.Utilities) })
            w.Line(string.Join(',', FeedSchema.Columns(feed)));
        var lastMonth = months[^1].ToString("yyyy-MM");
        var asOfText = AsOf.AddDays(-1).ToString("yyyy-MM-dd");
        foreach (var (_, members) in Households)
        {
            var head = PersonKey.Unpack(members[0]);
            var r = rnd.Next(1000);
            if (r < 600) { estate.Line($"{head},HS{members[0] % 100_000_000:D8},residential,{60 + rnd.Next(80)}.{rnd.Next(100):D2},2010-05-0{1 + rnd.Next(9)}"); records++; }
            if (r % 50 == 1) { estate.Line($"{head},HS{members[0] % 90_000_000:D8}B,residential,{50 + rnd.Next(60)}.00,2018-03-12"); records++; }
            if (r % 97 == 2) { estate.Line($"{head},SP{members[0] % 80_000_000:D8},commercial,{20 + rnd.Next(80)}.00,2019-07-01"); records++; }
            if (r % 12 == 3) { vehicles.Line($"{head},鄂B{rnd.Next(10000, 99999)},小型轿车,{50000 + rnd.Next(150000)}.00,{(r % 5 == 0 ? "Y" : "N")},2020-01-15"); records++; }
            if (r % 33 == 4) { business.Line($"{head},黄石港区{Surnames[rnd.Next(16)]}记商行,{10000 + rnd.Next(90000)}.00,{(r % 3 == 0 ? "cancelled" : "active")},2017-09-01"); records++; }
            if (r < 220) { deposits.Line($"{head},{Banks[rnd.Next(Banks.Length)]},{rnd.Next(500, 60000)}.{rnd.Next(100):D2},{asOfText}"); records++; }
            if (r % 45 == 6) { securities.Line($"{head},A{members[0] % 10_000_000:D7},{rnd.Next(1000, 200000)}.00,{asOfText}"); records++; }
            if (r % 30 == 7) { insurance.Line($"{head},P{members[0] % 100_000_000:D8},{rnd.Next(1000, 50000)}.00,{asOfText}"); records++; }
            if (r % 10 == 8) { fund.Line($"{head},{lastMonth},{3000 + rnd.Next(5000)}.00,{rnd.Next(1000, 80000)}.00"); records += 2; }
            if (r % 25 == 9) { utilities.Line($"{head},{lastMonth},{100 + rnd.Next(1500)}.00"); records++; }
        }
        return records;
    }

    private static int SampleSize(Random random) => random.Next(100) switch
    {
        < 20 => 1,
        < 50 => 2,
        < 78 => 3,
        < 93 => 4,
        _ => 5,
    }; // mean ≈ 2.65

    private static int AgeOf(string id) => 2026 - int.Parse(id.AsSpan(6, 4), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A unique, valid ID number: the counter picks the birth date and sequence, so no two persons collide.</summary>
    private static string NextId(Random random, ref long counter, int age)
    {
        var n = counter++;
        var region = Regions[(int)(n % Regions.Length)];
        var birth = new DateOnly(2026 - age, 1, 1).AddDays((int)(n / Regions.Length % 365));
        var seq = (int)(n / Regions.Length / 365 % 1000);
        var body = region + birth.ToString("yyyyMMdd") + seq.ToString("D3");
        return body + Check(body);
    }

    private static char Check(string body17)
    {
        int[] w = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
        var s = 0;
        for (var i = 0; i < 17; i++) s += (body17[i] - '0') * w[i];
        return "10X98765432"[s % 11];
    }

    private static CsvWriter Writer(string path) => new(path);

    /// <summary>A fast UTF-8 line writer.</summary>
    private sealed class CsvWriter(string path) : IDisposable
    {
        private readonly FileStream _file = new(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        private readonly byte[] _buffer = new byte[1 << 20];
        private int _used;

        public void Line(string s)
        {
            var n = Encoding.UTF8.GetMaxByteCount(s.Length) + 1;
            if (_used + n > _buffer.Length) Flush();
            _used += Encoding.UTF8.GetBytes(s, _buffer.AsSpan(_used));
            _buffer[_used++] = (byte)'\n';
        }

        /// <summary>id,month,type,amount with the amount in fen written as yuan.cents, without allocations.</summary>
        public void Row(string id, string month, string type, long fen)
        {
            if (_used + 64 > _buffer.Length) Flush();
            var span = _buffer.AsSpan(_used);
            var n = Encoding.ASCII.GetBytes(id, span);
            span[n++] = (byte)',';
            n += Encoding.ASCII.GetBytes(month, span[n..]);
            span[n++] = (byte)',';
            n += Encoding.ASCII.GetBytes(type, span[n..]);
            span[n++] = (byte)',';
            Utf8Formatter.TryFormat(fen / 100, span[n..], out var w);
            n += w;
            span[n++] = (byte)'.';
            span[n++] = (byte)('0' + fen % 100 / 10);
            span[n++] = (byte)('0' + fen % 10);
            span[n++] = (byte)'\n';
            _used += n;
        }

        private void Flush()
        {
            _file.Write(_buffer, 0, _used);
            _used = 0;
        }

        public void Dispose()
        {
            Flush();
            _file.Dispose();
        }
    }
}

using System.Text;
using CivilAffairs.Verification;
using CivilAffairs.Verification.Engine;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;
using CivilAffairs.Verification.Synthetic;

namespace CivilAffairs.Tests.Verification;

/// <summary>The rules on hand-computed households (standard 780 yuan; window = Nov 2025 … Oct 2026 for 2026-11-15).</summary>
public sealed class VerifierTests
{
    private static readonly DateOnly AsOf = new(2026, 11, 15);
    private const string Husband = "11010519491231002X";   // female per the standard vector, name irrelevant
    private const string Wife = "440524188001010014";
    private static readonly ulong H = PersonKey.Pack(Husband);
    private static readonly ulong W = PersonKey.Pack(Wife);
    private static readonly RuleBook Rules = RuleBook.Default; // 780 yuan, 24 months, 1 home, no vehicle, no business

    private static FeedTable Table(FeedKind feed, string rows)
    {
        var csv = string.Join(',', FeedSchema.Columns(feed)) + "\n" + rows;
        var parsed = FeedParser.Parse(feed, Encoding.UTF8.GetBytes(csv), AsOf);
        Assert.True(parsed.ErrorCount == 0, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return FeedTable.From(parsed, AsOf);
    }

    private static string Registration(params (string Id, string Status, string Date)[] people) =>
        string.Concat(people.Select(p => $"{p.Id},某某,{p.Status},{p.Date}\n"));

    private static string MonthlyWage(string id, decimal yuan, int months = 12) =>
        string.Concat(Enumerable.Range(0, months).Select(i => $"{id},{new DateOnly(2025, 11, 1).AddMonths(i):yyyy-MM},wage,{yuan:0.00}\n"));

    private static HouseholdReport Verify(params FeedTable[] tables) =>
        Verifier.VerifyHousehold(new HouseholdInput(1, [H, W]), new FeedSet(tables), Rules, AsOf);

    private static FeedTable BothNormal() => Table(FeedKind.HouseholdRegistration, Registration((Husband, "normal", ""), (Wife, "normal", "")));

    [Fact]
    public void The_window_is_the_twelve_whole_months_before_the_month_of_verification() =>
        Assert.Equal((202511, 202610), Verifier.Window(AsOf, 12));

    [Fact]
    public void The_income_window_of_a_feed_ends_with_the_last_whole_month_its_snapshot_covers()
    {
        Assert.Equal((202509, 202608), Verifier.Window(AsOf, 12, new DateOnly(2026, 8, 31)));
        Assert.Equal((202508, 202607), Verifier.Window(AsOf, 12, new DateOnly(2026, 8, 30)));
        Assert.Equal((202511, 202610), Verifier.Window(AsOf, 12, new DateOnly(2026, 11, 30)));
        // a tax export as of 31 August 2026 with 1,000 yuan a month from September 2025: twelve months counted, not ten
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{Husband},{new DateOnly(2025, 9, 1).AddMonths(i):yyyy-MM},wage,1000.00\n"));
        var parsed = Table(FeedKind.Tax, rows);
        var tax = new FeedTable(FeedKind.Tax, parsed.Records, parsed.Texts, new DateOnly(2026, 8, 31));
        var report = Verify(BothNormal(), tax);
        Assert.Equal(12 * 100_000, report.Summary.CountedIncomeFen);
        Assert.Equal(100_000 / 2, report.Summary.PerCapitaMonthlyIncomeFen);
        Assert.Equal(new FeedWindow(FeedKind.Tax, new DateOnly(2026, 8, 31), 202509, 202608), report.FeedWindows.Single(w => w.Feed == FeedKind.Tax));
        Assert.Equal((202511, 202610), (report.WindowFrom, report.WindowTo));
        var batch = Verifier.VerifyAll([new HouseholdInput(1, [H, W])], new FeedSet([BothNormal(), tax]), Rules, AsOf);
        Assert.Equal(report.Summary, batch[0]);
    }

    [Fact]
    public void Income_data_much_older_than_the_window_needs_manual_review()
    {
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{Husband},{new DateOnly(2025, 5, 1).AddMonths(i):yyyy-MM},wage,500.00\n"));
        var parsed = Table(FeedKind.Tax, rows);
        // data to the end of April 2026: six months before October, more than the three the rules allow
        var old = new FeedTable(FeedKind.Tax, parsed.Records, parsed.Texts, new DateOnly(2026, 4, 30));
        var report = Verify(BothNormal(), old);
        Assert.Equal(Verdict.NeedsManualReview, report.Summary.Verdict);
        Assert.True(report.Summary.Reasons.HasFlag(Reasons.IncomeDataOutOfDate));
        Assert.Contains(report.ReasonTexts, t => t.Contains("可能已过时"));
        Assert.Equal(report.Summary, Verifier.VerifyAll([new HouseholdInput(1, [H, W])], new FeedSet([BothNormal(), old]), Rules, AsOf)[0]);
        // three months is still allowed
        var recent = new FeedTable(FeedKind.Tax, parsed.Records, parsed.Texts, new DateOnly(2026, 7, 31));
        Assert.False(Verify(BothNormal(), recent).Summary.Reasons.HasFlag(Reasons.IncomeDataOutOfDate));
    }

    [Fact]
    public void Per_capita_income_below_the_standard_meets()
    {
        // 1,500 yuan a month for one earner in a household of two: 750 per person ≤ 780.
        var report = Verify(BothNormal(), Table(FeedKind.Tax, MonthlyWage(Husband, 1500)));
        Assert.Equal(18_000_00, report.Summary.CountedIncomeFen);
        Assert.Equal(1_500_00, report.Summary.MonthlyIncomeFen);
        Assert.Equal(750_00, report.Summary.PerCapitaMonthlyIncomeFen);
        Assert.Equal(Verdict.Meets, report.Summary.Verdict);
        Assert.Equal(12, report.Members[0].Items.Count(i => i.Kind == ItemKind.Income));
    }

    [Fact]
    public void Per_capita_income_above_the_standard_does_not_meet_and_says_why()
    {
        var report = Verify(BothNormal(), Table(FeedKind.Tax, MonthlyWage(Husband, 1600)));
        Assert.Equal(800_00, report.Summary.PerCapitaMonthlyIncomeFen);
        Assert.Equal(Verdict.DoesNotMeet, report.Summary.Verdict);
        Assert.Equal(Reasons.IncomeAboveStandard, report.Summary.Reasons);
        Assert.Contains(report.ReasonTexts, t => t.Contains("800.00 元") && t.Contains("780.00 元"));
    }

    [Fact]
    public void Income_outside_the_window_is_not_counted()
    {
        var rows = $"{Husband},2025-10,wage,9000.00\n{Husband},2026-11,wage,9000.00\n{Husband},2026-03,wage,1200.00\n";
        var report = Verify(BothNormal(), Table(FeedKind.Tax, rows));
        Assert.Equal(1_200_00, report.Summary.CountedIncomeFen);
        Assert.Equal(100_00, report.Summary.MonthlyIncomeFen);
    }

    [Fact]
    public void The_central_base_part_of_the_pension_is_listed_but_not_counted()
    {
        // pension 1,723 of which 163 central base part: counted 1,560/month → 780 per person = exactly the standard.
        var rows = string.Concat(Enumerable.Range(0, 12).Select(i => $"{Wife},{new DateOnly(2025, 11, 1).AddMonths(i):yyyy-MM},1723.00,163.00,0\n"));
        var report = Verify(BothNormal(), Table(FeedKind.SocialInsurance, rows));
        Assert.Equal(780_00, report.Summary.PerCapitaMonthlyIncomeFen);
        Assert.Equal(12 * 163_00, report.Summary.ExcludedIncomeFen);
        Assert.Equal(Verdict.Meets, report.Summary.Verdict);
        Assert.Equal(12, report.Members[1].Items.Count(i => i.Kind == ItemKind.ExcludedIncome && !i.Counted));
    }

    [Fact]
    public void Financial_assets_are_limited_to_24_months_of_the_standard_per_person_using_the_latest_balance_of_each_account()
    {
        // limit = 780 × 24 × 2 = 37,440 yuan. The older balance of the same account does not count.
        var at = $"{Husband},工商银行,99999.00,2026-06-30\n{Husband},工商银行,30000.00,2026-10-31\n{Wife},农业银行,7440.00,2026-10-31\n";
        var meets = Verify(BothNormal(), Table(FeedKind.BankDeposits, at));
        Assert.Equal(37_440_00, meets.Summary.FinancialAssetsFen);
        Assert.Equal(37_440_00, meets.Summary.FinancialAssetLimitFen);
        Assert.Equal(Verdict.Meets, meets.Summary.Verdict);

        var over = Verify(BothNormal(), Table(FeedKind.BankDeposits, at), Table(FeedKind.Securities, $"{Wife},A123,0.01,2026-10-31\n"));
        Assert.Equal(Reasons.FinancialAssetsAboveLimit, over.Summary.Reasons);
    }

    [Fact]
    public void A_disability_vehicle_is_exempt_an_ordinary_vehicle_is_not()
    {
        var disability = Verify(BothNormal(), Table(FeedKind.Vehicles, $"{Husband},鄂B12345,残疾人专用车,30000.00,Y,2020-01-01\n"));
        Assert.Equal(Verdict.Meets, disability.Summary.Verdict);
        Assert.Equal(1, disability.Summary.DisabilityVehicles);
        var ordinary = Verify(BothNormal(), Table(FeedKind.Vehicles, $"{Husband},鄂B54321,小型轿车,30000.00,N,2020-01-01\n"));
        Assert.Equal(Reasons.OrdinaryVehicle, ordinary.Summary.Reasons);
        Assert.Contains(ordinary.Members[0].Flags, f => f.Contains("机动车"));
    }

    [Fact]
    public void Homes_commercial_property_and_businesses()
    {
        var oneHome = Verify(BothNormal(), Table(FeedKind.RealEstate, $"{Husband},HS1,residential,80.50,2010-01-01\n"));
        Assert.Equal(Verdict.Meets, oneHome.Summary.Verdict);
        var twoHomes = Verify(BothNormal(), Table(FeedKind.RealEstate, $"{Husband},HS1,residential,80.50,2010-01-01\n{Wife},HS2,residential,60.00,2015-01-01\n{Wife},SP1,commercial,30.00,2015-01-01\n"));
        Assert.Equal(Reasons.TooManyHomes | Reasons.CommercialProperty, twoHomes.Summary.Reasons);
        var business = Verify(BothNormal(), Table(FeedKind.MarketEntities, $"{Wife},张记商行,50000,active,2019-01-01\n{Husband},李记商行,50000,cancelled,2015-01-01\n"));
        Assert.Equal(Reasons.ActiveBusiness, business.Summary.Reasons);
        Assert.Equal(1, business.Summary.ActiveBusinesses);
    }

    [Fact]
    public void A_dead_member_still_counted_needs_manual_review()
    {
        var report = Verify(Table(FeedKind.HouseholdRegistration, Registration((Husband, "normal", ""), (Wife, "deceased", "2026-08-02"))));
        Assert.Equal(Verdict.NeedsManualReview, report.Summary.Verdict);
        Assert.Equal(Reasons.MemberDeceased, report.Summary.Reasons);
        Assert.Contains(report.Members[1].Flags, f => f.Contains("已死亡") && f.Contains("2026-08-02"));
    }

    [Fact]
    public void A_dead_member_is_not_counted_in_the_household_size()
    {
        // 1,500 a month; the wife died: one person counted → 1,500 per person > 780.
        var report = Verify(Table(FeedKind.HouseholdRegistration, Registration((Husband, "normal", ""), (Wife, "deceased", "2026-08-02"))),
            Table(FeedKind.Tax, MonthlyWage(Husband, 1500)));
        Assert.Equal(1, report.Summary.Members);
        Assert.Equal(1_500_00, report.Summary.PerCapitaMonthlyIncomeFen);
        Assert.Equal(Reasons.IncomeAboveStandard | Reasons.MemberDeceased, report.Summary.Reasons);
        Assert.Equal(Verdict.DoesNotMeet, report.Summary.Verdict);
    }

    [Fact]
    public void Every_account_on_the_latest_statement_of_a_bank_counts()
    {
        var rows = $"{Husband},工商银行,20000.00,2026-10-31\n{Husband},工商银行,15000.00,2026-10-31\n{Husband},工商银行,99999.00,2026-05-31\n";
        var report = Verify(BothNormal(), Table(FeedKind.BankDeposits, rows));
        Assert.Equal(35_000_00, report.Summary.FinancialAssetsFen);
    }

    [Fact]
    public void The_utilities_signal_looks_at_the_highest_single_month_not_a_sum()
    {
        var rows = $"{Husband},2026-05,600.00\n{Wife},2026-06,600.00\n";
        Assert.Equal(Verdict.Meets, Verify(BothNormal(), Table(FeedKind.Utilities, rows)).Summary.Verdict);
        var high = Verify(BothNormal(), Table(FeedKind.Utilities, $"{Wife},2026-06,1200.00\n"));
        Assert.Equal(Reasons.HighUtilitiesSpending, high.Summary.Reasons);
    }

    [Fact]
    public void A_member_missing_from_household_registration_needs_manual_review()
    {
        var report = Verify(Table(FeedKind.HouseholdRegistration, Registration((Husband, "normal", ""))));
        Assert.Equal(Reasons.MemberNotInRegistration, report.Summary.Reasons);
        var noFeed = Verify();
        Assert.Equal(Reasons.RegistrationDataMissing, noFeed.Summary.Reasons);
        Assert.Contains(FeedKind.Tax, noFeed.FeedsWithoutData);
    }

    [Fact]
    public void Rules_follow_their_effective_dates()
    {
        var book = new RuleBook([new VerificationRules { EffectiveFrom = new(2026, 1, 1), MonthlyStandardFen = 78_000 }, new VerificationRules { EffectiveFrom = new(2027, 1, 1), MonthlyStandardFen = 82_000 }]);
        Assert.Equal(78_000, book.For(new DateOnly(2026, 12, 31)).MonthlyStandardFen);
        Assert.Equal(82_000, book.For(new DateOnly(2027, 1, 1)).MonthlyStandardFen);
        Assert.Throws<InvalidOperationException>(() => book.For(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void The_batch_equals_the_one_household_path_for_every_household_of_a_generated_set()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ca-gen-{Guid.NewGuid():N}");
        try
        {
            // enough members (> 50,000) for the batch to split the work between workers
            var generator = new FeedGenerator(22_000, seed: 11, asOf: AsOf);
            generator.WriteAll(dir);
            var tables = Enum.GetValues<FeedKind>()
                .Select(f => FeedTable.From(FeedParser.Parse(f, Path.Combine(dir, FeedSchema.FileName(f)), AsOf), AsOf)).ToArray();
            var set = new FeedSet(tables);
            var households = HouseholdFile.Read(Path.Combine(dir, "households.csv"));
            // People in two households: the first person, the person in the middle of the key order (where the work is
            // split between workers) and the person with the highest key (the end of every table). Give the middle
            // person a vehicle so a lost record would change the verdict.
            var sortedKeys = households.SelectMany(h => h.Members).Order().ToArray();
            Assert.True(sortedKeys.Length > 50_000);
            var middle = sortedKeys[sortedKeys.Length / 2];
            var highest = sortedKeys[^1];
            var vehicles = set[FeedKind.Vehicles]!;
            var withCar = vehicles.Records.Append(new FeedRecord(middle, FeedKind.Vehicles, FeedCodes.OrdinaryVehicle, 5_000_000, 20200101)).ToArray();
            withCar = Sorting.Sort(withCar);
            set = new FeedSet(tables.Where(t => t.Feed != FeedKind.Vehicles).Append(new FeedTable(FeedKind.Vehicles, withCar, vehicles.Texts, AsOf)));
            households.Add(new HouseholdInput(999_997, [households[0].Members[0]]));
            households.Add(new HouseholdInput(999_998, [middle]));
            households.Add(new HouseholdInput(999_999, [highest]));
            var batch = Verifier.VerifyAll(households, set, Rules, AsOf);
            var shared = new HashSet<ulong> { households[0].Members[0], middle, highest };
            for (var i = 0; i < households.Count; i++)
            {
                var single = Verifier.VerifyHousehold(households[i], set, Rules, AsOf, shared).Summary;
                Assert.Equal(single, batch[i]);
            }
            Assert.True(batch[0].Reasons.HasFlag(Reasons.MemberInAnotherHousehold));
            Assert.True(batch[^3].Reasons.HasFlag(Reasons.MemberInAnotherHousehold));
            Assert.True(batch[^2].Reasons.HasFlag(Reasons.OrdinaryVehicle));
            Assert.True(batch[^1].Reasons.HasFlag(Reasons.MemberInAnotherHousehold));
            // the generated data exercises every verdict
            Assert.Contains(batch, s => s.Verdict == Verdict.Meets);
            Assert.Contains(batch, s => s.Verdict == Verdict.DoesNotMeet);
            Assert.Contains(batch, s => s.Verdict == Verdict.NeedsManualReview);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
    [Fact]
    public void The_batch_straight_from_csv_files_equals_the_batch_over_sorted_tables()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ca-files-{Guid.NewGuid():N}");
        try
        {
            var generator = new FeedGenerator(6_000, seed: 23, asOf: AsOf);
            generator.WriteAll(dir);
            string File(FeedKind f) => Path.Combine(dir, FeedSchema.FileName(f));
            var first = PersonKey.Unpack(generator.Households[0].Members[0]);
            var last = PersonKey.Unpack(generator.Households[^1].Members[^1]);
            // the same person in two households, repeated rows (also with another row between), a bad row, and the
            // records of someone in no household
            System.IO.File.AppendAllText(Path.Combine(dir, "households.csv"), $"999999,{last}\n");
            var outsider = "11010519491231002X";
            System.IO.File.AppendAllText(File(FeedKind.Vehicles), $"{first},鄂B12345,car,80000.00,N,2020-01-01\n{outsider},鄂B99999,car,1.00,N,2020-01-01\n{first},鄂B12345,car,80000.00,N,2020-01-01\n");
            System.IO.File.AppendAllText(File(FeedKind.BankDeposits), $"{last},工商银行,1000000.00,2026-10-31\n{last},工商银行,1000000.00,2026-10-31\n{last},工商银行,-1,2026-10-31\n");
            // ties the accumulation must break the same way: two registration events and two fund balances on one date
            var second = PersonKey.Unpack(generator.Households[1].Members[0]);
            System.IO.File.AppendAllText(File(FeedKind.HouseholdRegistration), $"{second},某某,deceased,2026-03-01\n{second},某某,normal,2026-03-01\n{second},某某,moved_out,2026-03-01\n");
            System.IO.File.AppendAllText(File(FeedKind.HousingFund), $"{second},2026-09,0,5000.00\n{second},2026-09,0,400.00\n");
            System.IO.File.AppendAllText(File(FeedKind.RealEstate), $"{first},HS-A,residential,80.00,2010-01-01\n{first},HS-B,residential,80.00,2010-01-01\n{first},HS-A,residential,80.00,2010-01-01\n");

            // the tax export is a month older than the others: its window ends a month earlier on both paths
            var feeds = Enum.GetValues<FeedKind>().Select(f => new FeedFile(f, File(f), f == FeedKind.Tax ? new DateOnly(2026, 9, 30) : null)).ToList();
            // small segments, so that every worker parses part of every file and the partitions hold records of both
            var fromFiles = FileBatch.Verify(Path.Combine(dir, "households.csv"), feeds, Rules, AsOf, null, default, null, 16 * 1024);
            Assert.Equal(fromFiles.Summaries, FileBatch.Verify(Path.Combine(dir, "households.csv"), feeds, Rules, AsOf).Summaries);
            var tables = new FeedSet(feeds.Select(f => FeedTable.From(FeedParser.Parse(f.Feed, f.Path, AsOf), f.AsOf ?? AsOf)));
            var households = HouseholdFile.Read(Path.Combine(dir, "households.csv"));
            var fromTables = Verifier.VerifyAll(households, tables, Rules, AsOf);
            Assert.Equal(6_001, fromFiles.Summaries.Length);
            Assert.Equal(fromTables, fromFiles.Summaries);
            Assert.Equal(households.Select(h => h.HouseholdId), fromFiles.Households.Ids);
            // what the appended rows must have done
            Assert.True(fromFiles.Summaries[0].Reasons.HasFlag(Reasons.OrdinaryVehicle));
            Assert.True(fromFiles.Summaries[0].Reasons.HasFlag(Reasons.TooManyHomes));
            Assert.True(fromFiles.Summaries[^1].Reasons.HasFlag(Reasons.MemberInAnotherHousehold));
            Assert.True(fromFiles.Summaries[^1].Reasons.HasFlag(Reasons.FinancialAssetsAboveLimit));
            Assert.Equal(1, fromFiles.Feeds.Single(f => f.Feed == FeedKind.BankDeposits).RefusedRows);
            // the appended repeats were dropped (and counted) among the members
            foreach (var feed in new[] { FeedKind.BankDeposits, FeedKind.RealEstate, FeedKind.Vehicles })
                Assert.True(fromFiles.Feeds.Single(f => f.Feed == feed).MemberDuplicates >= 1, feed.ToString());
            var shared = new HashSet<ulong> { PersonKey.Pack(last) };
            foreach (var h in new[] { 0, 1, households.Count / 2, households.Count - 2, households.Count - 1 })
                Assert.Equal(Verifier.VerifyHousehold(households[h], tables, Rules, AsOf, shared).Summary, fromFiles.Summaries[h]);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
    [Fact]
    public void A_cancelled_batch_stops_with_cancellation_on_both_paths()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"ca-cancel-{Guid.NewGuid():N}");
        try
        {
            new FeedGenerator(3_000, seed: 5, asOf: AsOf).WriteAll(dir);
            var feeds = Enum.GetValues<FeedKind>().Select(f => new FeedFile(f, Path.Combine(dir, FeedSchema.FileName(f)))).ToList();
            // cancelled midway, from the progress callback, once part of the files has been read
            using (var midway = new CancellationTokenSource())
            {
                long last = 0;
                Assert.ThrowsAny<OperationCanceledException>(() => FileBatch.Verify(Path.Combine(dir, "households.csv"), feeds, Rules, AsOf, null, midway.Token, b =>
                {
                    last = b;
                    if (b > 200_000) midway.Cancel();
                }, 16 * 1024));
                var total = feeds.Sum(f => new FileInfo(f.Path).Length) + new FileInfo(Path.Combine(dir, "households.csv")).Length;
                Assert.InRange(last, 200_000, total / 2);
            }
            using var cancel = new CancellationTokenSource();
            cancel.Cancel();
            Assert.ThrowsAny<OperationCanceledException>(() => FileBatch.Verify(Path.Combine(dir, "households.csv"), feeds, Rules, AsOf, ct: cancel.Token));
            var tables = new FeedSet(feeds.Select(f => FeedTable.From(FeedParser.Parse(f.Feed, f.Path, AsOf), AsOf)));
            var households = HouseholdFile.Read(Path.Combine(dir, "households.csv"));
            Assert.ThrowsAny<OperationCanceledException>(() => Verifier.VerifyAll(households, tables, Rules, AsOf, cancel.Token));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;

namespace CivilAffairs.Verification.Engine;

/// <summary>
/// Household economic verification. "The check reports; it does not decide": the verdict is advice with every reason
/// spelled out. One household: a binary search per member per feed (<see cref="VerifyHousehold"/>). Every household:
/// members sorted by key and merged with each sorted feed once (<see cref="VerifyAll"/>). Both paths feed the same
/// accumulation and judgement code, and a test checks they agree household by household.
/// </summary>
public static class Verifier
{
    /// <summary>
    /// The income window: <paramref name="months"/> whole months [from, to] as yyyymm, ending with the month before the
    /// month of <paramref name="asOf"/> — or earlier, with the last whole month a feed's data covers
    /// (<paramref name="dataAsOf"/>: the snapshot's as-of date; a date before the month's last day covers the month
    /// before). So a tax export as of 31 August counts September to August, not two empty months at the end.
    /// </summary>
    public static (int From, int To) Window(DateOnly asOf, int months, DateOnly? dataAsOf = null)
    {
        var end = new DateOnly(asOf.Year, asOf.Month, 1).AddMonths(-1);
        if (dataAsOf is { } d)
        {
            var covered = new DateOnly(d.Year, d.Month, 1);
            if (d.Day != DateTime.DaysInMonth(d.Year, d.Month)) covered = covered.AddMonths(-1);
            if (covered < end) end = covered;
        }
        var start = end.AddMonths(-(months - 1));
        return (start.Year * 100 + start.Month, end.Year * 100 + end.Month);
    }

    /// <summary>The feeds whose amounts are counted over the window (income, and the utilities signal).</summary>
    public static bool IsWindowed(FeedKind feed) => feed is FeedKind.Tax or FeedKind.SocialInsurance or FeedKind.Utilities;

    /// <summary>
    /// The reasons that come from the data set rather than from a household: an income feed whose window ends more than
    /// <see cref="VerificationRules.MaxIncomeDataLagMonths"/> months before the nominal window's end.
    /// </summary>
    public static Reasons DataSetReasons(IEnumerable<(FeedKind Feed, DateOnly DataAsOf)> feeds, DateOnly asOf, VerificationRules rules)
    {
        var (_, nominalTo) = Window(asOf, rules.IncomeWindowMonths);
        foreach (var (feed, dataAsOf) in feeds)
        {
            if (feed is not (FeedKind.Tax or FeedKind.SocialInsurance)) continue;
            var (_, to) = Window(asOf, rules.IncomeWindowMonths, dataAsOf);
            var lag = (nominalTo / 100 - to / 100) * 12 + nominalTo % 100 - to % 100;
            if (lag > rules.MaxIncomeDataLagMonths) return Reasons.IncomeDataOutOfDate;
        }
        return Reasons.None;
    }

    /// <summary>The window of each windowed feed present (it may end earlier than the nominal one; see <see cref="Window"/>).</summary>
    public static IReadOnlyList<FeedWindow> Windows(FeedSet feeds, DateOnly asOf, int months) =>
        feeds.Tables.Where(t => IsWindowed(t.Feed))
            .Select(t =>
            {
                var (from, to) = Window(asOf, months, t.AsOf);
                return new FeedWindow(t.Feed, t.AsOf, from, to);
            })
            .ToList();

    /// <summary>Adds one member's records of one feed to their facts (and, when given, to the evidence list).</summary>
    public static void Accumulate(ref MemberFacts facts, ReadOnlySpan<FeedRecord> records, FeedTable table, int windowFrom, int windowTo,
        List<EvidenceItem>? evidence) => Accumulate(ref facts, records, table.Feed, table.Texts, windowFrom, windowTo, evidence);

    /// <summary>The same, for records of <paramref name="feed"/> whose text indexes point into <paramref name="texts"/>.</summary>
    public static void Accumulate(ref MemberFacts facts, ReadOnlySpan<FeedRecord> records, FeedKind feed, string[] texts, int windowFrom, int windowTo,
        List<EvidenceItem>? evidence)
    {
        switch (feed)
        {
            case FeedKind.HouseholdRegistration:
                foreach (ref readonly var r in records)
                {
                    // the latest event wins (records are ordered by code then date; compare dates explicitly)
                    if (facts.RegistrationStatus == 0 || r.Date >= facts.RegistrationDate)
                    {
                        facts.RegistrationStatus = r.Code;
                        facts.RegistrationDate = r.Date;
                    }
                }
                if (evidence is not null && facts.RegistrationStatus != 0)
                    evidence.Add(new EvidenceItem(feed, facts.RegistrationStatus, ItemKind.Signal, facts.RegistrationDate, 0,
                        RegistrationText(facts.RegistrationStatus), false));
                break;

            case FeedKind.Tax:
                foreach (ref readonly var r in records)
                {
                    if (r.Month < windowFrom || r.Month > windowTo) continue;
                    facts.CountedIncome += r.Amount;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Income, r.Date, r.Amount, TaxText(r.Code), true));
                }
                break;

            case FeedKind.SocialInsurance:
                foreach (ref readonly var r in records)
                {
                    if (r.Month < windowFrom || r.Month > windowTo) continue;
                    if (r.Code == FeedCodes.PensionCounted)
                    {
                        facts.CountedIncome += r.Amount;
                        evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Income, r.Date, r.Amount, "养老金（扣除基础养老金中央补助部分）", true));
                    }
                    else if (r.Code == FeedCodes.PensionCentralBase)
                    {
                        facts.ExcludedIncome += r.Amount;
                        evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.ExcludedIncome, r.Date, r.Amount, "基础养老金中央补助部分（不计入收入）", false));
                    }
                    else
                    {
                        evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Signal, r.Date, r.Amount, "社保缴费基数", false));
                    }
                }
                break;

            case FeedKind.HousingFund:
            {
                var latestBalance = -1L;
                var latestDate = 0;
                foreach (ref readonly var r in records)
                {
                    if (r.Code == FeedCodes.FundBalance && r.Date >= latestDate)
                    {
                        latestDate = r.Date;
                        latestBalance = r.Amount;
                    }
                    else if (r.Code == FeedCodes.FundDepositBase && r.Month >= windowFrom && r.Month <= windowTo)
                        evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Signal, r.Date, r.Amount, "公积金缴存基数（有在职缴存）", false));
                }
                if (latestBalance >= 0)
                    evidence?.Add(new EvidenceItem(feed, FeedCodes.FundBalance, ItemKind.Asset, latestDate, latestBalance, "公积金余额（不计入金融资产）", false));
                break;
            }

            case FeedKind.RealEstate:
                foreach (ref readonly var r in records)
                {
                    if (r.Code == FeedCodes.Residential) facts.ResidentialProperties++;
                    else if (r.Code is FeedCodes.Commercial or FeedCodes.Industrial) facts.CommercialProperties++;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Asset, r.Date, r.Amount,
                        $"{UseText(r.Code)}房产 {FeedTable.TextOf(texts, r)}，{r.Amount / 100}.{r.Amount % 100:00} 平方米", r.Code != FeedCodes.OtherUse));
                }
                break;

            case FeedKind.Vehicles:
                foreach (ref readonly var r in records)
                {
                    if (r.Code == FeedCodes.DisabilityVehicle) facts.DisabilityVehicles++;
                    else facts.OrdinaryVehicles++;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Asset, r.Date, r.Amount,
                        (r.Code == FeedCodes.DisabilityVehicle ? "残疾人专用车 " : "机动车 ") + FeedTable.TextOf(texts, r), r.Code != FeedCodes.DisabilityVehicle));
                }
                break;

            case FeedKind.MarketEntities:
                foreach (ref readonly var r in records)
                {
                    if (r.Code == FeedCodes.ActiveEntity) facts.ActiveBusinesses++;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Asset, r.Date, r.Amount,
                        (r.Code == FeedCodes.ActiveEntity ? "登记在业的市场主体 " : "已注销的市场主体 ") + FeedTable.TextOf(texts, r), r.Code == FeedCodes.ActiveEntity));
                }
                break;

            case FeedKind.BankDeposits or FeedKind.Securities or FeedKind.CommercialInsurance:
                // Balances at a date: for each institution only its latest statement counts (all accounts listed on it).
                for (var i = 0; i < records.Length; i++)
                {
                    var account = FeedTable.TextOf(texts, records[i]);
                    var superseded = false;
                    for (var j = 0; j < records.Length && !superseded; j++)
                    {
                        if (j == i || FeedTable.TextOf(texts, records[j]) != account) continue;
                        superseded = records[j].Date > records[i].Date; // an older statement of the same institution

                    }
                    if (superseded) continue;
                    ref readonly var r = ref records[i];
                    facts.FinancialAssets += r.Amount;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Asset, r.Date, r.Amount, BalanceText(feed) + " " + account, true));
                }
                break;

            case FeedKind.Utilities:
                foreach (ref readonly var r in records)
                {
                    if (r.Month < windowFrom || r.Month > windowTo) continue;
                    if (r.Amount > facts.MaxMonthlyUtilities) facts.MaxMonthlyUtilities = r.Amount;
                    evidence?.Add(new EvidenceItem(feed, r.Code, ItemKind.Signal, r.Date, r.Amount, "水电气费用", false));
                }
                break;
        }
    }

    /// <summary>Judges a household from its members' facts.</summary>
    public static HouseholdSummary Judge(long householdId, ReadOnlySpan<MemberFacts> members, VerificationRules rules, bool registrationFeedPresent,
        Reasons dataSetReasons = Reasons.None)
    {
        long counted = 0, excluded = 0, assets = 0, utilities = 0;
        var living = 0;
        int homes = 0, commercial = 0, vehicles = 0, disabilityVehicles = 0, businesses = 0;
        var reasons = Reasons.None;
        foreach (ref readonly var m in members)
        {
            counted += m.CountedIncome;
            excluded += m.ExcludedIncome;
            assets += m.FinancialAssets;
            utilities = Math.Max(utilities, m.MaxMonthlyUtilities);
            if (m.RegistrationStatus != FeedCodes.Deceased) living++;
            homes += m.ResidentialProperties;
            commercial += m.CommercialProperties;
            vehicles += m.OrdinaryVehicles;
            disabilityVehicles += m.DisabilityVehicles;
            businesses += m.ActiveBusinesses;
            if (registrationFeedPresent)
            {
                if (m.RegistrationStatus == 0) reasons |= Reasons.MemberNotInRegistration;
                else if (m.RegistrationStatus == FeedCodes.Deceased) reasons |= Reasons.MemberDeceased;
                else if (m.RegistrationStatus == FeedCodes.MovedOut) reasons |= Reasons.MemberMovedOut;
            }
            if (m.InAnotherHousehold) reasons |= Reasons.MemberInAnotherHousehold;
        }
        if (!registrationFeedPresent) reasons |= Reasons.RegistrationDataMissing;
        reasons |= dataSetReasons;
        // A member the registration data shows as dead is not counted in the household's size (and is flagged above).
        var size = Math.Max(1, living);
        var monthly = counted / rules.IncomeWindowMonths;
        var perCapita = monthly / size;
        var assetLimit = rules.MonthlyStandardFen * rules.FinancialAssetMonthsPerPerson * size;
        if (perCapita > rules.MonthlyStandardFen) reasons |= Reasons.IncomeAboveStandard;
        if (assets > assetLimit) reasons |= Reasons.FinancialAssetsAboveLimit;
        if (homes > rules.MaxResidentialProperties) reasons |= Reasons.TooManyHomes;
        if (commercial > 0 && !rules.CommercialPropertyAllowed) reasons |= Reasons.CommercialProperty;
        if (vehicles > 0 && !rules.OrdinaryVehicleAllowed) reasons |= Reasons.OrdinaryVehicle;
        if (businesses > 0 && !rules.ActiveBusinessAllowed) reasons |= Reasons.ActiveBusiness;
        if (utilities > rules.UtilitiesSignalMonthlyFen) reasons |= Reasons.HighUtilitiesSpending;
        var verdict = (reasons & Reasons.Refusals) != 0 ? Verdict.DoesNotMeet : reasons != Reasons.None ? Verdict.NeedsManualReview : Verdict.Meets;
        return new HouseholdSummary(householdId, size, counted, excluded, monthly, perCapita, assets, assetLimit,
            homes, commercial, vehicles, disabilityVehicles, businesses, reasons, verdict);
    }

    /// <summary>One household, with full evidence: a few binary searches per member.</summary>
    public static HouseholdReport VerifyHousehold(HouseholdInput household, FeedSet feeds, RuleBook ruleBook, DateOnly asOf,
        IReadOnlySet<ulong>? membersInOtherHouseholds = null)
    {
        var rules = ruleBook.For(asOf);
        var (from, to) = Window(asOf, rules.IncomeWindowMonths);
        var facts = new MemberFacts[household.Members.Count];
        var reports = new List<MemberReport>(facts.Length);
        for (var i = 0; i < facts.Length; i++)
        {
            var key = household.Members[i];
            var evidence = new List<EvidenceItem>();
            foreach (var table in feeds.Tables)
            {
                var (tableFrom, tableTo) = Window(asOf, rules.IncomeWindowMonths, table.AsOf);
                Accumulate(ref facts[i], table.For(key), table, tableFrom, tableTo, evidence);
            }
            facts[i].InAnotherHousehold = membersInOtherHouseholds?.Contains(key) == true;
            reports.Add(new MemberReport(key, PersonKey.Unpack(key), facts[i], evidence, MemberFlags(facts[i], feeds)));
        }
        var summary = Judge(household.HouseholdId, facts, rules, feeds[FeedKind.HouseholdRegistration] is not null,
            DataSetReasons(feeds.Tables.Select(t => (t.Feed, t.AsOf)), asOf, rules));
        var missing = Enum.GetValues<FeedKind>().Where(f => feeds[f] is null).ToList();
        return new HouseholdReport(summary, asOf, from, to, rules, reports, Explain(summary, rules), missing,
            Windows(feeds, asOf, rules.IncomeWindowMonths));
    }

    /// <summary>
    /// Every household: members sorted by key once, then each feed walked once alongside them (a merge join), in
    /// parallel over contiguous key ranges. Returns the summaries in input order.
    /// </summary>
    public static HouseholdSummary[] VerifyAll(IReadOnlyList<HouseholdInput> households, FeedSet feeds, RuleBook ruleBook, DateOnly asOf,
        CancellationToken ct = default, IProgress<int>? progress = null, IDictionary<string, double>? timings = null) =>
        VerifyAll(HouseholdBatch.From(households), feeds, ruleBook, asOf, ct, progress, timings);

    public static HouseholdSummary[] VerifyAll(HouseholdBatch households, FeedSet feeds, RuleBook ruleBook, DateOnly asOf,
        CancellationToken ct = default, IProgress<int>? progress = null, IDictionary<string, double>? timings = null)
    {
        var lap = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string name)
        {
            if (timings is null) return;
            timings[name] = lap.Elapsed.TotalMilliseconds;
            lap.Restart();
        }
        var rules = ruleBook.For(asOf);
        // Members: slot = position in household order; keys sorted with their slots.
        var offsets = households.Offsets;
        var total = households.Members.Length;
        var keys = (ulong[])households.Members.Clone();
        var slots = new int[total];
        for (var i = 0; i < total; i++) slots[i] = i;
        Lap("flatten");
        Sorting.SortKeys(keys, slots);
        Lap("sort members");
        // Facts are kept in key order (the merge writes them sequentially); each household gathers its members' facts
        // once at the end through the inverse permutation.
        var facts = new MemberFacts[total];
        for (var i = 1; i < total; i++)
        {
            if (keys[i] == keys[i - 1])
            {
                facts[i].InAnotherHousehold = true;
                facts[i - 1].InAnotherHousehold = true;
            }
        }

        var tables = feeds.Tables.ToArray();
        // Big tables (most people have rows): walk members and records together. Small tables (a few holders):
        // walk the records and find each holder among the sorted members with a binary search.
        var big = tables.Where(t => t.Records.Length >= total / 8).ToArray();
        var small = tables.Where(t => t.Records.Length < total / 8).ToArray();
        var workers = Math.Max(1, Math.Min(Environment.ProcessorCount, total / 50_000 + 1));
        // Worker ranges of the sorted members; a boundary never falls between two slots of the same person.
        var bounds = new int[workers + 1];
        for (var w = 1; w < workers; w++)
        {
            var b = Math.Max(bounds[w - 1], (int)((long)total * w / workers));
            while (b > 0 && b < total && keys[b] == keys[b - 1]) b++;
            bounds[w] = b;
        }
        bounds[workers] = total;
        Parallel.For(0, workers, new ParallelOptions { CancellationToken = ct }, w =>
        {
            var start = bounds[w];
            var end = bounds[w + 1];
            if (start >= end) return;
            foreach (var table in big)
            {
                var (from, to) = Window(asOf, rules.IncomeWindowMonths, table.AsOf);
                var records = table.Records;
                var cursor = Sorting.LowerBound(records, keys[start]);
                for (var i = start; i < end; i++)
                {
                    var key = keys[i];
                    if (i > start && key == keys[i - 1])
                    {
                        // the same person in two households: give the second slot the same records
                        var again = Sorting.LowerBound(records.AsSpan(0, cursor), key);
                        Accumulate(ref facts[i], records.AsSpan(again, cursor - again), table, from, to, null);
                        continue;
                    }
                    if (cursor >= records.Length) continue; // no records left, but later members may repeat a key (above)
                    // advance to the key: a galloping step then a binary search keeps skips of non-members cheap
                    if (records[cursor].Key < key)
                    {
                        var step = 1;
                        var probe = cursor;
                        while (probe + step < records.Length && records[probe + step].Key < key) { probe += step; step <<= 1; }
                        cursor = probe + 1 + Sorting.LowerBound(records.AsSpan(probe + 1, Math.Min(step, records.Length - probe - 1)), key);
                    }
                    var first = cursor;
                    while (cursor < records.Length && records[cursor].Key == key) cursor++;
                    if (cursor > first) Accumulate(ref facts[i], records.AsSpan(first, cursor - first), table, from, to, null);
                }
            }
            // small tables: this worker takes the records whose keys fall in its member range
            var lowKey = keys[start];
            var highKey = end < total ? keys[end] : ulong.MaxValue;
            foreach (var table in small)
            {
                var (from, to) = Window(asOf, rules.IncomeWindowMonths, table.AsOf);
                var records = table.Records;
                var r = Sorting.LowerBound(records, lowKey);
                while (r < records.Length && records[r].Key < highKey)
                {
                    var key = records[r].Key;
                    var first = r;
                    while (r < records.Length && records[r].Key == key) r++;
                    var m = Array.BinarySearch(keys, start, end - start, key);
                    if (m < 0) continue;
                    while (m > start && keys[m - 1] == key) m--;
                    for (; m < end && keys[m] == key; m++)
                        Accumulate(ref facts[m], records.AsSpan(first, r - first), table, from, to, null);
                }
            }
        });

        Lap("merge feeds");
        var registration = feeds[FeedKind.HouseholdRegistration] is not null;
        var dataSet = DataSetReasons(feeds.Tables.Select(t => (t.Feed, t.AsOf)), asOf, rules);
        var position = new int[total];
        for (var i = 0; i < total; i++) position[slots[i]] = i;
        var result = new HouseholdSummary[households.Count];
        Parallel.For(0, households.Count, new ParallelOptions { CancellationToken = ct }, () => new MemberFacts[8], (h, _, buffer) =>
        {
            var size = offsets[h + 1] - offsets[h];
            if (buffer.Length < size) buffer = new MemberFacts[size];
            for (var m = 0; m < size; m++) buffer[m] = facts[position[offsets[h] + m]];
            result[h] = Judge(households.Ids[h], buffer.AsSpan(0, size), rules, registration, dataSet);
            return buffer;
        }, _ => { });
        Lap("judge");
        progress?.Report(households.Count);
        return result;
    }

    public static IReadOnlyList<string> MemberFlags(MemberFacts f, FeedSet feeds)
    {
        var flags = new List<string>();
        if (feeds[FeedKind.HouseholdRegistration] is not null)
        {
            if (f.RegistrationStatus == 0) flags.Add("户籍数据中查无此人");
            else if (f.RegistrationStatus == FeedCodes.Deceased) flags.Add($"户籍数据显示已死亡（{FormatDate(f.RegistrationDate)}）");
            else if (f.RegistrationStatus == FeedCodes.MovedOut) flags.Add($"户籍数据显示已迁出（{FormatDate(f.RegistrationDate)}）");
        }
        if (f.InAnotherHousehold) flags.Add("同时被计入另一户");
        if (f.OrdinaryVehicles > 0) flags.Add($"名下有机动车 {f.OrdinaryVehicles} 辆");
        if (f.ActiveBusinesses > 0) flags.Add($"名下有在业市场主体 {f.ActiveBusinesses} 个");
        if (f.CommercialProperties > 0) flags.Add($"名下有商业/工业用房 {f.CommercialProperties} 处");
        return flags;
    }

    /// <summary>Every reason spelled out, in Chinese, with the figures behind it.</summary>
    public static IReadOnlyList<string> Explain(HouseholdSummary s, VerificationRules rules)
    {
        var list = new List<string>();
        string Yuan(long fen) => $"{fen / 100:N0}.{Math.Abs(fen % 100):00} 元";
        if (s.Reasons.HasFlag(Reasons.IncomeAboveStandard))
            list.Add($"家庭人均月收入 {Yuan(s.PerCapitaMonthlyIncomeFen)}，高于低保标准 {Yuan(rules.MonthlyStandardFen)}");
        if (s.Reasons.HasFlag(Reasons.FinancialAssetsAboveLimit))
            list.Add($"金融资产合计 {Yuan(s.FinancialAssetsFen)}，超过限额 {Yuan(s.FinancialAssetLimitFen)}（每人 {rules.FinancialAssetMonthsPerPerson} 个月低保标准 × {s.Members} 人）");
        if (s.Reasons.HasFlag(Reasons.TooManyHomes))
            list.Add($"家庭拥有住宅 {s.ResidentialProperties} 套，超过 {rules.MaxResidentialProperties} 套");
        if (s.Reasons.HasFlag(Reasons.CommercialProperty)) list.Add($"家庭拥有商业/工业用房 {s.CommercialProperties} 处");
        if (s.Reasons.HasFlag(Reasons.OrdinaryVehicle)) list.Add($"家庭拥有机动车 {s.OrdinaryVehicles} 辆（残疾人专用车除外）");
        if (s.Reasons.HasFlag(Reasons.ActiveBusiness)) list.Add($"家庭成员登记有在业市场主体 {s.ActiveBusinesses} 个");
        if (s.Reasons.HasFlag(Reasons.MemberDeceased)) list.Add("有成员在户籍数据中已死亡，但仍被计入家庭，须人工核实");
        if (s.Reasons.HasFlag(Reasons.MemberMovedOut)) list.Add("有成员在户籍数据中已迁出，须人工核实");
        if (s.Reasons.HasFlag(Reasons.MemberNotInRegistration)) list.Add("有成员的身份证号码在户籍数据中查不到，须人工核实");
        if (s.Reasons.HasFlag(Reasons.MemberInAnotherHousehold)) list.Add("有成员同时被计入另一户，须人工核实");
        if (s.Reasons.HasFlag(Reasons.HighUtilitiesSpending)) list.Add($"水电气月消费高于 {Yuan(rules.UtilitiesSignalMonthlyFen)}，与申报的困难情况可能不符，须人工核实");
        if (s.Reasons.HasFlag(Reasons.RegistrationDataMissing)) list.Add("尚无生效的户籍数据，无法核对成员身份状态，须人工核实");
        if (s.Reasons.HasFlag(Reasons.IncomeDataOutOfDate))
            list.Add($"收入数据（税务或社保）的截止日期比统计期末早 {rules.MaxIncomeDataLagMonths} 个月以上，计入的收入可能已过时，须人工核实");
        if (list.Count == 0)
            list.Add($"家庭人均月收入 {Yuan(s.PerCapitaMonthlyIncomeFen)}，不高于低保标准 {Yuan(rules.MonthlyStandardFen)}；金融资产 {Yuan(s.FinancialAssetsFen)}，未超过限额 {Yuan(s.FinancialAssetLimitFen)}；住房、车辆、市场主体均符合规定");
        return list;
    }

    private static string FormatDate(int d) => d == 0 ? "日期不详" : $"{d / 10000}-{d / 100 % 100:00}-{d % 100:00}";
    private static string RegistrationText(int code) => code switch { FeedCodes.Deceased => "户籍：已死亡", FeedCodes.MovedOut => "户籍：已迁出", _ => "户籍：正常" };
    private static string TaxText(int code) => code switch
    {
        FeedCodes.Wage => "工资薪金",
        FeedCodes.LabourService => "劳务报酬",
        FeedCodes.Business => "经营所得",
        FeedCodes.PropertyRental => "财产租赁所得",
        FeedCodes.InterestDividend => "利息股息红利",
        _ => "其他所得",
    };
    private static string UseText(int code) => code switch { FeedCodes.Residential => "住宅", FeedCodes.Commercial => "商业", FeedCodes.Industrial => "工业", _ => "其他用途" };
    private static string BalanceText(FeedKind feed) => feed switch { FeedKind.BankDeposits => "银行存款", FeedKind.Securities => "证券市值", _ => "商业保险现金价值" };
}

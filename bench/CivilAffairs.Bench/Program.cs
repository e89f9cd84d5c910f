using System.Diagnostics;
using System.Globalization;
using System.Text;
using CivilAffairs.Verification;
using CivilAffairs.Verification.Engine;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;
using CivilAffairs.Verification.Synthetic;

// Scale runs of the household economic-verification engine. Figures go to docs/performance.md as medians of several runs.
//   dotnet run -c Release --project bench/CivilAffairs.Bench -- verify --households 1000000
//   dotnet run -c Release --project bench/CivilAffairs.Bench -- generate --households 1000000 --dir bench-data/1000000
var command = args.FirstOrDefault() ?? "help";
var households = int.Parse(Option("--households") ?? "100000", CultureInfo.InvariantCulture);
var dir = Option("--dir") ?? Path.Combine(Path.GetTempPath(), "civil-affairs-bench", households.ToString(CultureInfo.InvariantCulture));
var asOf = new DateOnly(2026, 11, 1);

switch (command)
{
    case "generate":
        Generate();
        return 0;
    case "parse":
        // per-feed parse times, one after another (to see where load time goes)
        foreach (var f in Enum.GetValues<FeedKind>())
        {
            var sw = Stopwatch.StartNew();
            var parsed = FeedParser.Parse(f, Path.Combine(dir, FeedSchema.FileName(f)), asOf);
            Console.WriteLine($"{f}: {parsed.RowCount:N0} rows, {parsed.Records.Length:N0} records, {sw.Elapsed.TotalMilliseconds:N0} ms");
        }
        {
            var tax = FeedParser.Parse(FeedKind.Tax, Path.Combine(dir, FeedSchema.FileName(FeedKind.Tax)), asOf);
            var copy = (FeedRecord[])tax.Records.Clone();
            new Random(1).Shuffle(copy);
            var ssw = Stopwatch.StartNew();
            copy = Sorting.SortLsd(copy);
            Console.WriteLine($"sort of {copy.Length:N0} shuffled tax records: {ssw.Elapsed.TotalMilliseconds:N0} ms");
        }
        var hsw = Stopwatch.StartNew();
        var hh = HouseholdFile.Read(Path.Combine(dir, "households.csv"));
        Console.WriteLine($"households: {hh.Count:N0} in {hsw.Elapsed.TotalMilliseconds:N0} ms");
        return 0;
    case "parse-partitions":
        // each big feed parsed into partitions (as the whole-batch run does), five times; the median per feed
        foreach (var f in Enum.GetValues<FeedKind>())
        {
            var times = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                var writers = Enumerable.Range(0, Environment.ProcessorCount).Select(_ => new PartitionWriter()).ToArray();
                using var handle = File.OpenHandle(Path.Combine(dir, FeedSchema.FileName(f)));
                var sw = Stopwatch.StartNew();
                FeedParser.Parse(f, new ByteSource.File(handle), asOf, null, default, partitions: writers);
                times.Add(sw.Elapsed.TotalMilliseconds);
            }
            Console.WriteLine($"{f}: {times.Order().ElementAt(2):N0} ms median of 5; GCs so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
        }
        return 0;
    case "parse-one":
    {
        // one feed parsed into a sorted table, as an import does; the process's peak memory afterwards
        var one = Enum.Parse<FeedKind>(Option("--feed") ?? "Tax");
        var table = FeedParser.Parse(one, Path.Combine(dir, FeedSchema.FileName(one)), asOf);
        var hwm = File.ReadLines("/proc/self/status").First(l => l.StartsWith("VmHWM:"));
        Console.WriteLine($"{one}: {table.Records.Length:N0} records; {hwm}");
        return 0;
    }
    case "roster":
        return await CivilAffairs.Bench.AssistanceBench.RosterAsync(int.Parse(Option("--recipients") ?? "100000", CultureInfo.InvariantCulture), int.Parse(Option("--runs") ?? "5", CultureInfo.InvariantCulture));
    case "settle":
        return await CivilAffairs.Bench.AssistanceBench.SettleAsync(int.Parse(Option("--requests") ?? "5000", CultureInfo.InvariantCulture),
            int.Parse(Option("--concurrency") ?? "8", CultureInfo.InvariantCulture), int.Parse(Option("--people") ?? "1000", CultureInfo.InvariantCulture),
            int.Parse(Option("--runs") ?? "5", CultureInfo.InvariantCulture));
    case "verify":
        if (!File.Exists(Path.Combine(dir, "done")))
        {
            // Generated in a child process so that this process's peak memory is the engine's alone.
            var child = Process.Start(Environment.ProcessPath!, ["generate", "--households", households.ToString(CultureInfo.InvariantCulture), "--dir", dir])!;
            child.WaitForExit();
            if (child.ExitCode != 0) return child.ExitCode;
        }
        return Verify();
    default:
        Console.WriteLine("usage: verify|generate|parse|parse-partitions|parse-one --households N [--dir DIR] | roster --recipients N [--runs R] | settle --requests N --concurrency C --people P [--runs R]");
        return 2;
}

string? Option(string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

void Generate()
{
    var sw = Stopwatch.StartNew();
    var generator = new FeedGenerator(households, asOf: asOf);
    var records = generator.WriteAll(dir);
    var bytes = Directory.GetFiles(dir, "*.csv").Sum(f => new FileInfo(f).Length);
    File.WriteAllText(Path.Combine(dir, "done"), $"{records}\n");
    Console.WriteLine($"generated {households:N0} households, {records:N0} feed records, {bytes / 1e6:N0} MB of CSV in {dir} ({sw.Elapsed.TotalSeconds:N1} s)");
}

int Verify()
{
    var feeds = Enum.GetValues<FeedKind>();
    var feedFiles = feeds.Select(f => new FeedFile(f, Path.Combine(dir, FeedSchema.FileName(f)))).ToArray();
    var householdsPath = Path.Combine(dir, "households.csv");
    var csvBytes = feedFiles.Sum(f => new FileInfo(f.Path).Length) + new FileInfo(householdsPath).Length;

    // 1. End to end from the CSV files: read and verify every household (FileBatch), then write the results.
    var total = Stopwatch.StartNew();
    var phases = new Dictionary<string, double>();
    var batch = FileBatch.Verify(householdsPath, feedFiles, RuleBook.Default, asOf, phases);
    var verified = total.Elapsed;
    var results = batch.Summaries;
    var write = Stopwatch.StartNew();
    WriteResults(Path.Combine(dir, "results.csv"), results);
    write.Stop();
    total.Stop();
    var endToEndPeak = PeakResidentBytes();
    var collections = $"{GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}";
    var pause = GC.GetTotalPauseDuration();
    var input = batch.Households;
    var records = batch.Feeds.Sum(f => f.Records);

    // 2. The same households through sorted tables (what an accepted snapshot holds): parse each file into a table,
    //    verify with the merge join, and check both batches agree household by household.
    var load = Stopwatch.StartNew();
    var tables = feeds.Select(f => FeedTable.From(FeedParser.Parse(f, Path.Combine(dir, FeedSchema.FileName(f)), asOf), asOf)).ToArray();
    load.Stop();
    var set = new FeedSet(tables);
    var fromTables = Verifier.VerifyAll(input, set, RuleBook.Default, asOf);
    if (!fromTables.AsSpan().SequenceEqual(results)) throw new InvalidOperationException("the batch from sorted tables differs from the batch from CSV");

    // 3. One household from loaded data.
    var random = new Random(7);
    var single = Stopwatch.StartNew();
    const int singles = 20_000;
    for (var i = 0; i < singles; i++) Verifier.VerifyHousehold(input[random.Next(input.Count)], set, RuleBook.Default, asOf);
    single.Stop();

    // 4. The batch from accepted snapshots (binary, sorted) instead of CSV.
    var snapshotDir = Path.Combine(dir, "snapshots");
    Directory.CreateDirectory(snapshotDir);
    foreach (var t in tables) t.WriteTo(Path.Combine(snapshotDir, t.Feed + ".bin"));
    tables = null!;
    set = null!;
    GC.Collect();
    var fromSnapshots = Stopwatch.StartNew();
    var loaded = new FeedTable[feeds.Length];
    Parallel.For(0, feeds.Length, i => loaded[i] = FeedTable.ReadFrom(Path.Combine(snapshotDir, feeds[i] + ".bin")));
    var snapshotLoad = fromSnapshots.Elapsed;
    var again = Verifier.VerifyAll(input, new FeedSet(loaded), RuleBook.Default, asOf);
    fromSnapshots.Stop();
    if (!again.AsSpan().SequenceEqual(results)) throw new InvalidOperationException("snapshot batch differs from the CSV batch");

    var verdicts = results.GroupBy(r => r.Verdict).ToDictionary(g => g.Key, g => g.Count());
    Console.WriteLine($"households: {input.Count:N0}; people: {input.Members.Length:N0}; feed records: {records:N0}; CSV: {csvBytes / 1e6:N0} MB");
    Console.WriteLine($"verdicts: meets {verdicts.GetValueOrDefault(Verdict.Meets):N0}, does not meet {verdicts.GetValueOrDefault(Verdict.DoesNotMeet):N0}, manual review {verdicts.GetValueOrDefault(Verdict.NeedsManualReview):N0}");
    Console.WriteLine($"load (read households, parse every feed into partitions): {(phases["read households"] + phases["parse feeds"]) / 1000:F3} s");
    Console.WriteLine($"verify (partitions, judge): {(phases["partitions"] + phases["judge"]) / 1000:F3} s");
    Console.WriteLine($"  phases: {string.Join(", ", phases.Select(p => $"{p.Key} {p.Value:N0} ms"))}");
    Console.WriteLine($"write results: {write.Elapsed.TotalSeconds:F3} s");
    Console.WriteLine($"garbage collections (gen 0/1/2) end to end: {collections}, paused {pause.TotalMilliseconds:N0} ms");
    Console.WriteLine($"end to end: {total.Elapsed.TotalSeconds:F3} s");
    Console.WriteLine($"households/s end to end: {input.Count / total.Elapsed.TotalSeconds:N0}");
    Console.WriteLine($"peak memory end to end: {endToEndPeak / 1048576.0:N0} MiB");
    Console.WriteLine($"sorted tables from CSV (as at snapshot acceptance): {load.Elapsed.TotalSeconds:F3} s; the batch over them equals the CSV batch");
    Console.WriteLine($"one household from loaded data: {single.Elapsed.TotalMilliseconds * 1000 / singles:F1} µs");
    Console.WriteLine($"batch from accepted snapshots: {fromSnapshots.Elapsed.TotalSeconds:F3} s (of which reading snapshots {snapshotLoad.TotalSeconds:F3} s)");
    Console.WriteLine($"peak memory including the table and snapshot runs: {PeakResidentBytes() / 1048576.0:N0} MiB");
    return 0;
}

// The process's peak resident set as the OS reports it (VmHWM: what /usr/bin/time -v prints as maximum resident set size).
static long PeakResidentBytes()
{
    foreach (var line in File.ReadLines("/proc/self/status"))
        if (line.StartsWith("VmHWM:", StringComparison.Ordinal))
            return long.Parse(line[6..].Trim().Split(' ')[0], CultureInfo.InvariantCulture) * 1024;
    return Process.GetCurrentProcess().PeakWorkingSet64;
}

static void WriteResults(string path, HouseholdSummary[] results)
{
    using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1);
    var buffer = new byte[1 << 20];
    var header = "household_id,members,per_capita_monthly_income,financial_assets,homes,vehicles,businesses,verdict,reasons\n"u8;
    header.CopyTo(buffer);
    var used = header.Length;
    foreach (ref readonly var r in results.AsSpan())
    {
        if (used + 160 > buffer.Length) { file.Write(buffer, 0, used); used = 0; }
        var span = buffer.AsSpan(used);
        var n = 0;
        Int(span, ref n, r.HouseholdId, ',');
        Int(span, ref n, r.Members, ',');
        Yuan(span, ref n, r.PerCapitaMonthlyIncomeFen);
        Yuan(span, ref n, r.FinancialAssetsFen);
        Int(span, ref n, r.ResidentialProperties, ',');
        Int(span, ref n, r.OrdinaryVehicles, ',');
        Int(span, ref n, r.ActiveBusinesses, ',');
        Int(span, ref n, (int)r.Verdict, ',');
        Int(span, ref n, (uint)r.Reasons, '\n');
        used += n;
    }
    file.Write(buffer, 0, used);

    static void Int(Span<byte> s, ref int n, long value, char end)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(value, s[n..], out var w);
        n += w;
        s[n++] = (byte)end;
    }

    static void Yuan(Span<byte> s, ref int n, long fen)
    {
        System.Buffers.Text.Utf8Formatter.TryFormat(fen / 100, s[n..], out var w);
        n += w;
        s[n++] = (byte)'.';
        s[n++] = (byte)('0' + fen % 100 / 10);
        s[n++] = (byte)('0' + fen % 10);
        s[n++] = (byte)',';
    }
}

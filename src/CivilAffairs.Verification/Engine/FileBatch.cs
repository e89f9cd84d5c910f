using System.Numerics;
using CivilAffairs.Verification.Feeds;
using CivilAffairs.Verification.Rules;

namespace CivilAffairs.Verification.Engine;

/// <summary>One feed's CSV file for <see cref="FileBatch"/>, with the date its data is as of (default: the verification date).</summary>
public sealed record FeedFile(FeedKind Feed, string Path, DateOnly? AsOf = null);

/// <summary>
/// What a whole-batch run read from one feed file: its rows, the rows refused (with the first errors), the records
/// made, and the exact repeats dropped among the batch's members (a table counts repeats over the whole file).
/// </summary>
public sealed record FileBatchFeed(FeedKind Feed, long Rows, long RefusedRows, long Records, string Encoding, IReadOnlyList<FeedRowError> FirstErrors)
{
    public long MemberDuplicates { get; internal set; }
}

public sealed record FileBatchResult(HouseholdBatch Households, HouseholdSummary[] Summaries, IReadOnlyList<FileBatchFeed> Feeds);

/// <summary>
/// Verifies every household straight from the partner departments' CSV files, without building sorted tables first.
/// Each file is parsed on every core (<see cref="SegmentedFile"/>) and every good record is scattered, as it is
/// parsed, into one of <see cref="PartitionWriter.Count"/> partitions by a hash of the person key; the households'
/// members are split the same way. Then each partition — ≈ 10,000 people and ≈ 50,000 records for a million
/// households, small enough to stay in the core's cache — is worked through on its own: a small hash table of its
/// members, a counting sort of its records by member, and each member's records ordered, de-duplicated and
/// accumulated by the same <see cref="Verifier.Accumulate(ref MemberFacts, ReadOnlySpan{FeedRecord}, FeedKind, string[], int, int, List{EvidenceItem}?)"/>
/// as every other path. The facts land in household order, so judging is one sequential pass. The result equals
/// <see cref="Verifier.VerifyAll(HouseholdBatch, FeedSet, RuleBook, DateOnly, CancellationToken, IProgress{int}?, IDictionary{string, double}?)"/>
/// over tables parsed from the same files (a test checks it household by household).
/// </summary>
public static class FileBatch
{
    public static FileBatchResult Verify(string householdsPath, IEnumerable<FeedFile> feedFiles, RuleBook ruleBook, DateOnly asOf,
        IDictionary<string, double>? timings = null, CancellationToken ct = default, Action<long>? bytesRead = null) =>
        Verify(householdsPath, feedFiles, ruleBook, asOf, timings, ct, bytesRead, SegmentedFile.DefaultSegmentBytes);

    /// <summary>The same with a chosen segment size (tests use small ones so that every worker takes part).</summary>
    internal static FileBatchResult Verify(string householdsPath, IEnumerable<FeedFile> feedFiles, RuleBook ruleBook, DateOnly asOf,
        IDictionary<string, double>? timings, CancellationToken ct, Action<long>? bytesRead, int segmentBytes)
    {
        var files = feedFiles.ToList();
        var lap = System.Diagnostics.Stopwatch.StartNew();
        void Lap(string name)
        {
            if (timings is null) return;
            timings[name] = lap.Elapsed.TotalMilliseconds;
            lap.Restart();
        }
        long read = 0;
        void Read(long bytes) => bytesRead?.Invoke(read + bytes);
        HouseholdBatch households;
        using (var handle = File.OpenHandle(householdsPath, FileMode.Open, FileAccess.Read, FileShare.Read))
        {
            var source = new ByteSource.File(handle);
            households = HouseholdFile.ReadBatch(source, segmentBytes, Read, ct);
            read += source.Length;
        }
        Lap("read households");
        var workers = Math.Max(1, Environment.ProcessorCount);
        var writers = new PartitionWriter[workers];
        for (var w = 0; w < workers; w++) writers[w] = new PartitionWriter();
        var texts = new string[16][];
        var windows = new (int From, int To)[16];
        var rules = ruleBook.For(asOf);
        var feeds = new List<FileBatchFeed>();
        foreach (var file in files)
        {
            if (texts[(int)file.Feed] is not null) throw new ArgumentException($"two files for feed {file.Feed}");
            using var handle = File.OpenHandle(file.Path, FileMode.Open, FileAccess.Read, FileShare.Read);
            var source = new ByteSource.File(handle);
            var parsed = FeedParser.Parse(file.Feed, source, asOf, Read, ct, segmentBytes, writers);
            read += source.Length;
            texts[(int)file.Feed] = parsed.Texts;
            windows[(int)file.Feed] = Verifier.Window(asOf, rules.IncomeWindowMonths, file.AsOf ?? asOf);
            feeds.Add(new FileBatchFeed(file.Feed, parsed.RowCount, parsed.ErrorCount, parsed.RecordCount, parsed.Encoding, parsed.Errors));
        }
        Lap("parse feeds");
        var duplicates = new long[16];
        var dataSet = Verifier.DataSetReasons(files.Select(f => (f.Feed, f.AsOf ?? asOf)), asOf, rules);
        var summaries = VerifyPartitioned(households, writers, texts, windows, rules, dataSet, duplicates, timings, ct);
        foreach (var f in feeds) f.MemberDuplicates = duplicates[(int)f.Feed];
        return new FileBatchResult(households, summaries, feeds);
    }

    private static HouseholdSummary[] VerifyPartitioned(HouseholdBatch households, PartitionWriter[] writers, string[][] texts,
        (int From, int To)[] windows, VerificationRules rules, Reasons dataSet, long[] duplicates, IDictionary<string, double>? timings, CancellationToken ct)
    {
        var lap = System.Diagnostics.Stopwatch.StartNew();
        var keys = households.Members;
        var total = keys.Length;
        // members by partition: a counting sort of the slots
        var starts = new int[PartitionWriter.Count + 1];
        var partitionOf = GC.AllocateUninitializedArray<ushort>(total);
        for (var i = 0; i < total; i++)
        {
            var p = PartitionWriter.PartitionOf(keys[i]);
            partitionOf[i] = (ushort)p;
            starts[p + 1]++;
        }
        for (var p = 0; p < PartitionWriter.Count; p++) starts[p + 1] += starts[p];
        var bySlot = GC.AllocateUninitializedArray<int>(total);
        var next = (int[])starts.Clone();
        for (var i = 0; i < total; i++) bySlot[next[partitionOf[i]]++] = i;
        var facts = new MemberFacts[total];

        // the biggest partitions first, so that the last ones to finish are small
        var order = Enumerable.Range(0, PartitionWriter.Count).OrderByDescending(p => writers.Sum(w => w.CountOf(p))).ToArray();
        var taken = -1;
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { CancellationToken = ct }, _ =>
        {
            var scratch = new PartitionScratch();
            int i;
            while ((i = Interlocked.Increment(ref taken)) < order.Length)
            {
                ct.ThrowIfCancellationRequested();
                var p = order[i];
                scratch.Run(bySlot.AsSpan(starts[p], starts[p + 1] - starts[p]), keys, writers, p, texts, windows, facts);
                foreach (var w in writers) w.Release(p);
            }
            lock (duplicates)
                for (var f = 0; f < duplicates.Length; f++) duplicates[f] += scratch.Duplicates[f];
        });
        if (timings is not null) timings["partitions"] = lap.Elapsed.TotalMilliseconds;
        lap.Restart();

        var registration = texts[(int)FeedKind.HouseholdRegistration] is not null;
        var result = new HouseholdSummary[households.Count];
        var offsets = households.Offsets;
        Parallel.For(0, Environment.ProcessorCount, new ParallelOptions { CancellationToken = ct }, w =>
        {
            var (a, b) = (households.Count * (long)w / Environment.ProcessorCount, households.Count * (long)(w + 1) / Environment.ProcessorCount);
            for (var h = (int)a; h < b; h++)
                result[h] = Verifier.Judge(households.Ids[h], facts.AsSpan(offsets[h], offsets[h + 1] - offsets[h]), rules, registration, dataSet);
        });
        if (timings is not null) timings["judge"] = lap.Elapsed.TotalMilliseconds;
        return result;
    }

    /// <summary>One worker's reusable buffers for working through partitions.</summary>
    private sealed class PartitionScratch
    {
        private int[] _table = new int[1 << 14];    // open addressing: person index + 1, 0 = empty
        private ulong[] _people = new ulong[8192];  // distinct keys of the partition's members
        private int[] _firstSlot = new int[8192];   // the person's first slot; further slots chained in _nextSlot
        private int[] _start = new int[8193];       // counting sort: where each person's records begin
        private int[] _personOfRecord = new int[65536];
        private FeedRecord[] _grouped = new FeedRecord[65536];
        private int[] _write = new int[8193];
        public readonly long[] Duplicates = new long[16];
        private readonly Dictionary<int, int> _nextSlot = [];

        public void Run(ReadOnlySpan<int> slots, ulong[] keys, PartitionWriter[] writers, int partition, string[][] texts, (int From, int To)[] windows,
            MemberFacts[] facts)
        {
            // 1. a hash table of the partition's people (a person may be a member of two households: both slots kept)
            var capacity = (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(16, slots.Length * 2));
            if (_table.Length < capacity) _table = new int[capacity];
            else Array.Clear(_table, 0, capacity);
            if (_people.Length < slots.Length)
            {
                _people = new ulong[slots.Length];
                _firstSlot = new int[slots.Length];
                _start = new int[slots.Length + 1];
            }
            _nextSlot.Clear();
            var shift = 64 - PartitionWriter.Bits - BitOperations.Log2((uint)capacity);
            var mask = capacity - 1;
            var people = 0;
            foreach (var slot in slots)
            {
                var key = keys[slot];
                var h = (int)(PartitionWriter.Hash(key) >> shift) & mask;
                while (true)
                {
                    var entry = _table[h];
                    if (entry == 0)
                    {
                        _table[h] = people + 1;
                        _people[people] = key;
                        _firstSlot[people] = slot;
                        people++;
                        break;
                    }
                    if (_people[entry - 1] == key)
                    {
                        // the same person in another household: chain the slot after the first
                        var first = _firstSlot[entry - 1];
                        if (_nextSlot.TryGetValue(first, out var after)) _nextSlot[slot] = after;
                        _nextSlot[first] = slot;
                        break;
                    }
                    h = (h + 1) & mask;
                }
            }

            // 2. every record of the partition: find its person (records of people outside the batch are dropped)
            var count = 0;
            foreach (var w in writers) count += w.CountOf(partition);
            if (_personOfRecord.Length < count)
            {
                _personOfRecord = new int[count];
                _grouped = new FeedRecord[count];
            }
            var counts = _start.AsSpan(0, people + 1);
            counts.Clear();
            var r = 0;
            foreach (var w in writers)
            {
                for (var b = 0; b < w.BlockCount(partition); b++)
                {
                    foreach (ref readonly var record in w.Block(partition, b))
                    {
                        var h = (int)(PartitionWriter.Hash(record.Key) >> shift) & mask;
                        var person = -1;
                        int entry;
                        while ((entry = _table[h]) != 0)
                        {
                            if (_people[entry - 1] == record.Key)
                            {
                                person = entry - 1;
                                counts[person + 1]++;
                                break;
                            }
                            h = (h + 1) & mask;
                        }
                        _personOfRecord[r++] = person;
                    }
                }
            }
            // 3. counting sort by person
            for (var p = 0; p < people; p++) counts[p + 1] += counts[p];
            if (_write.Length < people) _write = new int[_start.Length];
            var write = _write;
            counts[..people].CopyTo(write);
            r = 0;
            foreach (var w in writers)
            {
                for (var b = 0; b < w.BlockCount(partition); b++)
                {
                    foreach (ref readonly var record in w.Block(partition, b))
                    {
                        var person = _personOfRecord[r++];
                        if (person >= 0) _grouped[write[person]++] = record;
                    }
                }
            }

            // 4. each person: records in table order, repeats dropped, one feed at a time into the facts
            for (var p = 0; p < people; p++)
            {
                var records = _grouped.AsSpan(counts[p], counts[p + 1] - counts[p]);
                var f = new MemberFacts();
                if (records.Length > 0)
                {
                    Sorting.SortPersonRecords(records);
                    var i = 0;
                    while (i < records.Length)
                    {
                        var feed = records[i].Feed;
                        var end = i + 1;
                        while (end < records.Length && records[end].Feed == feed) end++;
                        var run = records[i..end];
                        var kept = 1;
                        if (end - i > 1)
                        {
                            kept = Sorting.RemoveAdjacentDuplicates(run, texts[(int)feed], out var repeats);
                            Duplicates[(int)feed] += repeats;
                        }
                        var (from, to) = windows[(int)feed];
                        Verifier.Accumulate(ref f, run[..kept], feed, texts[(int)feed], from, to, null);
                        i = end;
                    }
                }
                var slot = _firstSlot[p];
                if (_nextSlot.Count > 0 && _nextSlot.ContainsKey(slot))
                {
                    f.InAnotherHousehold = true;
                    for (var s = slot; ; )
                    {
                        facts[s] = f;
                        if (!_nextSlot.TryGetValue(s, out s)) break;
                    }
                }
                else facts[slot] = f;
            }
        }
    }
}

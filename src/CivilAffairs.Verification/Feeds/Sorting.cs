namespace CivilAffairs.Verification.Feeds;

/// <summary>
/// Sorting feed records by person key, once (an LSD radix sort over the key bits that vary): equal records are then
/// adjacent, and every later step is a sequential scan or a binary search.
/// </summary>
public static class Sorting
{
    private sealed class RecordOrder : IComparer<FeedRecord>
    {
        public static readonly RecordOrder Instance = new();
        public int Compare(FeedRecord x, FeedRecord y)
        {
            var c = x.Key.CompareTo(y.Key);
            if (c != 0) return c;
            c = (x.Info & 0xFF).CompareTo(y.Info & 0xFF); // feed and code
            if (c != 0) return c;
            c = x.Date.CompareTo(y.Date);
            return c != 0 ? c : x.Amount.CompareTo(y.Amount);
        }
    }

    /// <summary>Sorts by (key, feed, code, date, amount) and returns a new array (the input is left as it was).</summary>
    public static FeedRecord[] Sort(FeedRecord[] records) => SortLsd((FeedRecord[])records.Clone());

    /// <summary>The full record order as a struct, so the sorts inline the comparison.</summary>
    private readonly struct Order : IComparer<FeedRecord>
    {
        public int Compare(FeedRecord x, FeedRecord y)
        {
            if (x.Key != y.Key) return x.Key < y.Key ? -1 : 1;
            var c = (x.Info & 0xFF) - (y.Info & 0xFF);
            if (c != 0) return c;
            if (x.Date != y.Date) return x.Date < y.Date ? -1 : 1;
            return x.Amount.CompareTo(y.Amount);
        }
    }

    /// <summary>
    /// Sorts by key with a least-significant-digit radix sort over only the key bits that vary (11 bits a pass, a second
    /// buffer of the same size, every pass a sequential read and a scatter to 2,048 write positions), then orders each
    /// person's few records by feed, code, date and amount. Returns the sorted array (one of the two buffers).
    /// </summary>
    public static FeedRecord[] SortLsd(FeedRecord[] a) => SortLsd(a, a.Length);

    /// <summary>
    /// The same over the first <paramref name="length"/> entries, dropping empty slots (key 0): the result is a
    /// right-sized array of the non-empty records.
    /// </summary>
    public static FeedRecord[] SortLsd(FeedRecord[] a, int length)
    {
        var count = 0;
        ulong min = ulong.MaxValue, max = 0;
        foreach (ref readonly var r in a.AsSpan(0, length))
        {
            if (r.Key == 0) continue;
            count++;
            if (r.Key < min) min = r.Key;
            if (r.Key > max) max = r.Key;
        }
        if (count <= 4096)
        {
            var small = new FeedRecord[count];
            var n = 0;
            foreach (ref readonly var r in a.AsSpan(0, length)) if (r.Key != 0) small[n++] = r;
            Array.Sort(small, RecordOrder.Instance);
            return small;
        }
        var range = max - min;
        var bits = range == 0 ? 0 : 64 - System.Numerics.BitOperations.LeadingZeroCount(range);
        const int digitBits = 11;
        const int digits = 1 << digitBits;
        var passes = Math.Max(1, (bits + digitBits - 1) / digitBits);
        // all digit histograms in one read pass
        var counts = new int[passes * digits];
        foreach (ref readonly var r in a.AsSpan(0, length))
        {
            if (r.Key == 0) continue;
            var k = r.Key - min;
            for (var p = 0; p < passes; p++) counts[p * digits + (int)((k >> (p * digitBits)) & (digits - 1))]++;
        }
        // the first pass drops the empty slots into a right-sized buffer; later passes ping-pong with the original
        var exact = GC.AllocateUninitializedArray<FeedRecord>(count);
        var source = a;
        var target = exact;
        for (var p = 0; p < passes; p++)
        {
            var histogram = counts.AsSpan(p * digits, digits);
            var sum = 0;
            for (var d = 0; d < digits; d++)
            {
                var c = histogram[d];
                histogram[d] = sum;
                sum += c;
            }
            var shift = p * digitBits;
            foreach (ref readonly var r in source.AsSpan(0, p == 0 ? length : count))
                if (p > 0 || r.Key != 0) target[histogram[(int)(((r.Key - min) >> shift) & (digits - 1))]++] = r;
            (source, target) = (target, source);
        }
        if (!ReferenceEquals(source, exact))
        {
            source.AsSpan(0, count).CopyTo(exact);
            source = exact;
        }
        // equal keys are adjacent now; order each person's few records fully (insertion sort: groups are tiny)
        var span = source.AsSpan();
        var order = new Order();
        var start = 0;
        for (var i = 1; i <= span.Length; i++)
        {
            if (i < span.Length && span[i].Key == span[start].Key) continue;
            var groupLength = i - start;
            if (groupLength > 16) span[start..i].Sort(order);
            else
            {
                for (var j = start + 1; j < i; j++)
                {
                    var item = span[j];
                    var k = j - 1;
                    while (k >= start && order.Compare(span[k], item) > 0)
                    {
                        span[k + 1] = span[k];
                        k--;
                    }
                    span[k + 1] = item;
                }
            }
            start = i;
        }
        return source;
    }

    /// <summary>Sorts (LSD radix) the first <paramref name="length"/> entries, drops empty slots and exact repeats.</summary>
    public static FeedRecord[] SortLsdAndRemoveDuplicates(FeedRecord[] records, int length, string[] texts, out long duplicates) =>
        RemoveAdjacentDuplicates(SortLsd(records, length), texts, out duplicates);

    private static FeedRecord[] RemoveAdjacentDuplicates(FeedRecord[] sorted, string[] texts, out long duplicates)
    {
        var write = RemoveAdjacentDuplicates(sorted.AsSpan(), texts, out duplicates);
        return write == sorted.Length ? sorted : sorted[..write];
    }

    /// <summary>
    /// Drops exact repeats from records sorted by (key, feed, code, date, amount): same facts and same text as an
    /// earlier record of the run (rows A, B, A: the second A). Returns the new length; the kept records move to the front.
    /// </summary>
    internal static int RemoveAdjacentDuplicates(Span<FeedRecord> sorted, string[] texts, out long duplicates)
    {
        duplicates = 0;
        var write = 0;
        var group = 0; // start (in the output) of the run with the same key, feed, code, date and amount
        for (var i = 0; i < sorted.Length; i++)
        {
            var b = sorted[i];
            if (write > 0)
            {
                ref readonly var g = ref sorted[group];
                if (!(g.Key == b.Key && (g.Info & 0xFF) == (b.Info & 0xFF) && g.Date == b.Date && g.Amount == b.Amount)) group = write;
                else
                {
                    var repeat = false;
                    for (var k = group; k < write && !repeat; k++) repeat = SameText(sorted[k], b, texts);
                    if (repeat)
                    {
                        duplicates++;
                        continue;
                    }
                }
            }
            sorted[write++] = b;
        }
        return write;
    }

    /// <summary>
    /// Orders one person's records of several feeds by (feed, date, code, amount) with an insertion sort (a person has
    /// a handful of records, and monthly files bring them nearly in date order). Within a feed, equal records end up
    /// next to each other as in a sorted table, and the accumulation gives the same facts: its only order-dependent
    /// choices (the latest registration event, the latest fund balance) look at the date first and break ties the
    /// same way in both orders.
    /// </summary>
    internal static void SortPersonRecords(Span<FeedRecord> records)
    {
        if (records.Length > 64)
        {
            records.Sort(new PersonOrder());
            return;
        }
        var order = new PersonOrder();
        for (var j = 1; j < records.Length; j++)
        {
            var item = records[j];
            var k = j - 1;
            while (k >= 0 && order.Compare(records[k], item) > 0)
            {
                records[k + 1] = records[k];
                k--;
            }
            records[k + 1] = item;
        }
    }

    private readonly struct PersonOrder : IComparer<FeedRecord>
    {
        public int Compare(FeedRecord x, FeedRecord y)
        {
            var c = (x.Info & 0xF) - (y.Info & 0xF); // feed
            if (c != 0) return c;
            if (x.Date != y.Date) return x.Date < y.Date ? -1 : 1;
            c = (x.Info & 0xFF) - (y.Info & 0xFF); // code
            if (c != 0) return c;
            return x.Amount.CompareTo(y.Amount);
        }
    }

    private static bool SameText(in FeedRecord a, in FeedRecord b, string[] texts)
    {
        if (a.Text == FeedRecord.NoText || b.Text == FeedRecord.NoText) return a.Text == b.Text;
        return string.Equals(texts[a.Text], texts[b.Text], StringComparison.Ordinal);
    }

    /// <summary>Sorts keys with their companion slots (household members): an MSD radix sort on the varying key bits.</summary>
    public static void SortKeys(ulong[] keys, int[] slots)
    {
        if (keys.Length <= 64)
        {
            Array.Sort(keys, slots);
            return;
        }
        var starts = DistributeKeys(keys, slots, 0, keys.Length);
        if (starts is null) return;
        var nextBucket = -1;
        Parallel.For(0, Environment.ProcessorCount, _ =>
        {
            int b;
            while ((b = Interlocked.Increment(ref nextBucket)) < starts.Length - 1) RadixKeys(keys, slots, starts[b], starts[b + 1] - starts[b]);
        });
    }

    private static void RadixKeys(ulong[] keys, int[] slots, int offset, int length)
    {
        if (length <= 64)
        {
            if (length > 1) Array.Sort(keys, slots, offset, length);
            return;
        }
        var starts = DistributeKeys(keys, slots, offset, length);
        if (starts is null) return;
        for (var b = 0; b < starts.Length - 1; b++) RadixKeys(keys, slots, starts[b], starts[b + 1] - starts[b]);
    }

    private static int[]? DistributeKeys(ulong[] keys, int[] slots, int offset, int length)
    {
        ulong min = ulong.MaxValue, max = 0;
        for (var i = offset; i < offset + length; i++)
        {
            if (keys[i] < min) min = keys[i];
            if (keys[i] > max) max = keys[i];
        }
        if (min == max) return null;
        var range = max - min;
        var shift = Math.Max(0, 64 - System.Numerics.BitOperations.LeadingZeroCount(range) - 8);
        var buckets = (int)(range >> shift) + 1;
        var starts = new int[buckets + 1];
        starts[0] = offset;
        for (var i = offset; i < offset + length; i++) starts[(int)((keys[i] - min) >> shift) + 1]++;
        for (var i = 0; i < buckets; i++) starts[i + 1] += starts[i];
        Span<int> next = stackalloc int[buckets];
        starts.AsSpan(0, buckets).CopyTo(next);
        for (var b = 0; b < buckets; b++)
        {
            var end = starts[b + 1];
            while (next[b] < end)
            {
                var k = keys[next[b]];
                var s = slots[next[b]];
                var d = (int)((k - min) >> shift);
                while (d != b)
                {
                    var j = next[d]++;
                    (keys[j], k) = (k, keys[j]);
                    (slots[j], s) = (s, slots[j]);
                    d = (int)((k - min) >> shift);
                }
                keys[next[b]] = k;
                slots[next[b]] = s;
                next[b]++;
            }
        }
        return starts;
    }

    /// <summary>The index of the first record with a key ≥ <paramref name="key"/> (binary search).</summary>
    public static int LowerBound(ReadOnlySpan<FeedRecord> sorted, ulong key)
    {
        int lo = 0, hi = sorted.Length;
        while (lo < hi)
        {
            var mid = (int)((uint)(lo + hi) >> 1);
            if (sorted[mid].Key < key) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }
}

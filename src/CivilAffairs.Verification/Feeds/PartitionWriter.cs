namespace CivilAffairs.Verification.Feeds;

/// <summary>
/// Records scattered by a hash of the person key into <see cref="Count"/> partitions while they are parsed (one writer
/// per worker, no locking). A partition of a million-household run holds ≈ 50,000 records and ≈ 10,000 people, small
/// enough to be grouped person by person inside the core's cache — no global sort and no hash probe into a table
/// larger than the cache. A partition's blocks start small (a small batch stays small) and double up to a size that
/// lives on the large-object heap (never copied by the GC).
/// </summary>
internal sealed class PartitionWriter
{
    public const int Bits = 8;
    public const int Count = 1 << Bits;
    private const int FirstBlockRecords = 128;
    private const int MaxBlockRecords = 4096;

    private readonly FeedRecord[]?[] _current = new FeedRecord[Count][];
    private readonly int[] _used = new int[Count];
    private readonly List<FeedRecord[]>[] _full = new List<FeedRecord[]>[Count];
    private readonly int[] _fullRecords = new int[Count];

    public PartitionWriter()
    {
        for (var p = 0; p < Count; p++) _full[p] = [];
    }

    /// <summary>The same multiplicative hash decides the partition (top bits) and the slot in a partition's table (next bits).</summary>
    public static ulong Hash(ulong key) => key * 0x9E3779B97F4A7C15UL;

    public static int PartitionOf(ulong key) => (int)(Hash(key) >> (64 - Bits));

    public void Add(in FeedRecord r)
    {
        var p = PartitionOf(r.Key);
        var block = _current[p];
        var used = _used[p];
        if (block is null || used == block.Length)
        {
            if (block is not null)
            {
                _full[p].Add(block);
                _fullRecords[p] += block.Length;
            }
            block = _current[p] = GC.AllocateUninitializedArray<FeedRecord>(block is null ? FirstBlockRecords : Math.Min(MaxBlockRecords, block.Length * 2));
            used = 0;
        }
        block[used] = r;
        _used[p] = used + 1;
    }

    /// <summary>How many records partition <paramref name="p"/> holds in this writer.</summary>
    public int CountOf(int p) => _fullRecords[p] + _used[p];

    /// <summary>Partition <paramref name="p"/>'s records come in this many blocks.</summary>
    public int BlockCount(int p) => _full[p].Count + (_current[p] is null ? 0 : 1);

    public ReadOnlySpan<FeedRecord> Block(int p, int block) =>
        block < _full[p].Count ? _full[p][block] : _current[p].AsSpan(0, _used[p]);

    /// <summary>Drops partition <paramref name="p"/>'s blocks once they have been consumed.</summary>
    public void Release(int p)
    {
        _full[p].Clear();
        _fullRecords[p] = 0;
        _current[p] = null;
        _used[p] = 0;
    }
}

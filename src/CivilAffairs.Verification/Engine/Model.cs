namespace CivilAffairs.Verification.Engine;

public enum Verdict : byte
{
    Meets = 1,
    DoesNotMeet = 2,
    NeedsManualReview = 3,
}

/// <summary>Why a household does not meet the rules, or needs a person to look at it.</summary>
[Flags]
public enum Reasons : uint
{
    None = 0,
    // Refusal reasons
    IncomeAboveStandard = 1 << 0,
    FinancialAssetsAboveLimit = 1 << 1,
    TooManyHomes = 1 << 2,
    CommercialProperty = 1 << 3,
    OrdinaryVehicle = 1 << 4,
    ActiveBusiness = 1 << 5,
    // Manual review
    MemberDeceased = 1 << 8,
    MemberMovedOut = 1 << 9,
    MemberNotInRegistration = 1 << 10,
    MemberInAnotherHousehold = 1 << 11,
    HighUtilitiesSpending = 1 << 12,
    RegistrationDataMissing = 1 << 13,
    /// <summary>An income feed's snapshot is older than the rules allow (its window ends months before the nominal one).</summary>
    IncomeDataOutOfDate = 1 << 14,

    Refusals = IncomeAboveStandard | FinancialAssetsAboveLimit | TooManyHomes | CommercialProperty | OrdinaryVehicle | ActiveBusiness,
}

/// <summary>A household to verify: its members' packed ID numbers.</summary>
public sealed record HouseholdInput(long HouseholdId, IReadOnlyList<ulong> Members);

/// <summary>
/// Many households in three flat arrays (no object per household): household <c>h</c> is <c>Ids[h]</c> with the
/// members <c>Members[Offsets[h]..Offsets[h + 1]]</c>. A member's position in <see cref="Members"/> is its slot.
/// </summary>
public sealed class HouseholdBatch
{
    public HouseholdBatch(long[] ids, int[] offsets, ulong[] members)
    {
        if (offsets.Length != ids.Length + 1 || offsets[0] != 0 || offsets[^1] != members.Length)
            throw new ArgumentException("offsets must have one entry per household plus one, from 0 to the member count");
        Ids = ids;
        Offsets = offsets;
        Members = members;
    }

    public long[] Ids { get; }
    public int[] Offsets { get; }
    public ulong[] Members { get; }
    public int Count => Ids.Length;

    public ReadOnlySpan<ulong> MembersOf(int household) => Members.AsSpan(Offsets[household], Offsets[household + 1] - Offsets[household]);

    public HouseholdInput this[int household] => new(Ids[household], MembersOf(household).ToArray());

    public static HouseholdBatch From(IReadOnlyList<HouseholdInput> households)
    {
        var ids = new long[households.Count];
        var offsets = new int[households.Count + 1];
        for (var h = 0; h < households.Count; h++)
        {
            ids[h] = households[h].HouseholdId;
            offsets[h + 1] = checked(offsets[h] + households[h].Members.Count);
        }
        var members = new ulong[offsets[^1]];
        for (var h = 0; h < households.Count; h++)
            for (var m = 0; m < households[h].Members.Count; m++) members[offsets[h] + m] = households[h].Members[m];
        return new HouseholdBatch(ids, offsets, members);
    }

    public List<HouseholdInput> ToInputs()
    {
        var list = new List<HouseholdInput>(Count);
        for (var h = 0; h < Count; h++) list.Add(this[h]);
        return list;
    }
}

/// <summary>What the feeds say about one member (counted over the income window), before the household is judged.</summary>
public struct MemberFacts
{
    public long CountedIncome;
    public long ExcludedIncome;
    public long FinancialAssets;
    public long MaxMonthlyUtilities;
    public int ResidentialProperties;
    public int CommercialProperties;
    public int OrdinaryVehicles;
    public int DisabilityVehicles;
    public int ActiveBusinesses;
    /// <summary>0 = no registration record; otherwise the latest FeedCodes.Normal/Deceased/MovedOut.</summary>
    public int RegistrationStatus;
    public int RegistrationDate;
    public bool InAnotherHousehold;
}

/// <summary>The household figures and verdict: identical whether computed alone or in a batch.</summary>
public readonly record struct HouseholdSummary(
    long HouseholdId,
    int Members,
    long CountedIncomeFen,
    long ExcludedIncomeFen,
    long MonthlyIncomeFen,
    long PerCapitaMonthlyIncomeFen,
    long FinancialAssetsFen,
    long FinancialAssetLimitFen,
    int ResidentialProperties,
    int CommercialProperties,
    int OrdinaryVehicles,
    int DisabilityVehicles,
    int ActiveBusinesses,
    Reasons Reasons,
    Verdict Verdict);

public enum ItemKind : byte
{
    Income = 1,
    ExcludedIncome = 2,
    Asset = 3,
    Signal = 4,
}

/// <summary>One line of evidence in a member's report.</summary>
public sealed record EvidenceItem(Feeds.FeedKind Feed, int Code, ItemKind Kind, int Date, long Amount, string Description, bool Counted);

public sealed record MemberReport(ulong Key, string IdNumber, MemberFacts Facts, IReadOnlyList<EvidenceItem> Items, IReadOnlyList<string> Flags);

/// <summary>The full report of one household: every member's evidence, the summary, and the reasons in words.</summary>
public sealed record HouseholdReport(
    HouseholdSummary Summary,
    DateOnly AsOf,
    int WindowFrom,
    int WindowTo,
    Rules.VerificationRules Rules,
    IReadOnlyList<MemberReport> Members,
    IReadOnlyList<string> ReasonTexts,
    IReadOnlyList<Feeds.FeedKind> FeedsWithoutData,
    IReadOnlyList<FeedWindow> FeedWindows);

/// <summary>The months of a monthly feed that were counted: its window ends with the last whole month its snapshot covers.</summary>
public sealed record FeedWindow(Feeds.FeedKind Feed, DateOnly DataAsOf, int From, int To);

using System.Runtime.InteropServices;

namespace CivilAffairs.Verification.Feeds;

/// <summary>The partner-department data feeds (one file schema each, see docs/verification-feeds.md).</summary>
public enum FeedKind : byte
{
    /// <summary>公安 户籍与死亡: household registration status and deaths.</summary>
    HouseholdRegistration = 1,
    /// <summary>税务: income by month and type.</summary>
    Tax = 2,
    /// <summary>社保: pension received (with its central base part), contribution base.</summary>
    SocialInsurance = 3,
    /// <summary>公积金: deposit base and balance.</summary>
    HousingFund = 4,
    /// <summary>不动产登记: properties with their use and area.</summary>
    RealEstate = 5,
    /// <summary>车辆: owner, type, purchase price, disability-vehicle flag.</summary>
    Vehicles = 6,
    /// <summary>市场主体登记: businesses owned, registered capital.</summary>
    MarketEntities = 7,
    /// <summary>银行存款: balance at a date.</summary>
    BankDeposits = 8,
    /// <summary>证券: market value at a date.</summary>
    Securities = 9,
    /// <summary>商业保险: cash value of policies.</summary>
    CommercialInsurance = 10,
    /// <summary>水电气: utilities spending by month (a supplementary signal).</summary>
    Utilities = 11,
}

/// <summary>
/// One normalised feed fact, 24 bytes: whose (packed ID), how much (fen, or 0.01 m² for areas), when (yyyymmdd;
/// months as yyyymm01), and an info word packing the feed, a feed-specific code and the index of its text (bank,
/// plate, property number…) in the feed's string table.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct FeedRecord
{
    public ulong Key;
    public long Amount;
    public int Date;
    public int Info;

    public const int NoText = 0xFFFFFF;

    public FeedRecord(ulong key, FeedKind feed, int code, long amount, int date, int text = NoText)
    {
        Key = key;
        Amount = amount;
        Date = date;
        Info = (byte)feed | (code & 0xF) << 4 | (text & 0xFFFFFF) << 8;
    }

    public readonly FeedKind Feed => (FeedKind)(Info & 0xF);
    public readonly int Code => (Info >> 4) & 0xF;
    public readonly int Text => (Info >> 8) & 0xFFFFFF;
    public readonly int Month => Date / 100;
}

/// <summary>Feed-specific codes stored in <see cref="FeedRecord.Code"/>.</summary>
public static class FeedCodes
{
    // HouseholdRegistration
    public const int Normal = 1, Deceased = 2, MovedOut = 3;
    // Tax income types
    public const int Wage = 1, LabourService = 2, Business = 3, PropertyRental = 4, InterestDividend = 5, OtherIncome = 6;
    // SocialInsurance
    public const int PensionCounted = 1, PensionCentralBase = 2, ContributionBase = 3;
    // HousingFund
    public const int FundDepositBase = 1, FundBalance = 2;
    // RealEstate use
    public const int Residential = 1, Commercial = 2, Industrial = 3, OtherUse = 4;
    // Vehicles
    public const int OrdinaryVehicle = 1, DisabilityVehicle = 2;
    // MarketEntities
    public const int ActiveEntity = 1, CancelledEntity = 2;
    // Deposits, securities, insurance, utilities: 1
    public const int Single = 1;
}

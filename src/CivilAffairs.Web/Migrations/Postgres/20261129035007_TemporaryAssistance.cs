using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CivilAffairs.Web.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class TemporaryAssistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "PaperworkCompletedOn",
                table: "sa_applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "PaperworkDue",
                table: "sa_applications",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RequestedAmountFen",
                table: "sa_applications",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            migrationBuilder.AddColumn<string>(
                name: "TemporaryKind",
                table: "sa_applications",
                type: "character varying(12)",
                maxLength: 12,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "PaperworkCompletedOn",
                table: "sa_applications");

            migrationBuilder.DropColumn(
                name: "PaperworkDue",
                table: "sa_applications");

            migrationBuilder.DropColumn(
                name: "RequestedAmountFen",
                table: "sa_applications");

            migrationBuilder.DropColumn(
                name: "TemporaryKind",
                table: "sa_applications");
        }
    }
}

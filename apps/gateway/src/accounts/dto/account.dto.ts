import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import {
  IsBoolean,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  MaxLength,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { PagingQuery } from '../../http/paging.dto';
import { ROLES, type Role } from '../../auth/roles';

export const MIN_PASSWORD_LENGTH = 12;

const trimmed = ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim() : value);

export class CreateAccountRequest {
  @ApiProperty({ example: 'sam.link@hub1.example.nhs.uk' })
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ example: 'Sam Link' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, writeOnly: true })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'For partner accounts: the organisation they act for' })
  @IsOptional()
  @IsUUID()
  partnerOrganisationId?: string;
}

/**
 * A PATCH field that may be left out; a null is validated like any other value, so it is
 * refused with a reason instead of reaching a NOT NULL column.
 */
const OmittableNotNull = () => ValidateIf((_, value) => value !== undefined);

/** Only the fields given change. Emails do not change: make a new account instead. */
export class UpdateAccountRequest {
  @ApiPropertyOptional()
  @OmittableNotNull()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OmittableNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({
    description: 'A disabled account cannot sign in, and its tokens stop working at once',
  })
  @OmittableNotNull()
  @IsBoolean()
  disabled?: boolean;

  @ApiPropertyOptional({ minLength: MIN_PASSWORD_LENGTH, writeOnly: true })
  @OmittableNotNull()
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH)
  @MaxLength(256)
  password?: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, type: String })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsUUID()
  partnerOrganisationId?: string | null;
}

export class AccountsQuery extends PagingQuery {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class AccountDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() hubId!: string;
  @ApiProperty() email!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) partnerOrganisationId!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}

export class AccountPageDto {
  @ApiProperty({ type: [AccountDto] }) items!: AccountDto[];
  @ApiProperty() page!: number;
  @ApiProperty() perPage!: number;
  @ApiProperty() total!: number;
}

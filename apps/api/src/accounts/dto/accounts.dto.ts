import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { INVITATION_PURPOSES, type InvitationPurpose } from '@rag-ledger/domain';
import { MAX_PASSWORD_LENGTH, MAX_TOKEN_DAYS, MAX_TOKEN_NAME_LENGTH } from '@rag-ledger/identity';
import { TextField } from '../../common/validation';

export class SignInDto {
  @ApiProperty({ example: 'chris.snudden@norfolk.gov.uk', maxLength: 254 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'correct horse battery staple', maxLength: MAX_PASSWORD_LENGTH })
  @IsString()
  @IsNotEmpty()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class InvitePersonDto {
  @ApiPropertyOptional({ enum: INVITATION_PURPOSES, default: 'invitation', description: 'invitation: a first set-up link; reset: a new password for someone who has one' })
  @IsOptional()
  @IsIn(INVITATION_PURPOSES)
  purpose?: InvitationPurpose;
}

export class AcceptInvitationDto {
  @ApiProperty({ example: 'correct horse battery staple', description: 'At least 12 characters, not a common password, not your name or email' })
  @IsString()
  @MaxLength(MAX_PASSWORD_LENGTH)
  password: string;
}

export class CreateTokenDto {
  @TextField('Monthly board report script', 'What the token is for, so you can tell it apart later', MAX_TOKEN_NAME_LENGTH)
  name: string;

  @ApiPropertyOptional({ example: 90, minimum: 1, maximum: MAX_TOKEN_DAYS, description: 'Days until it stops working; without it, until revoked' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_TOKEN_DAYS)
  expiresInDays?: number;
}

import { IsBase64, IsInt, IsString, Min } from 'class-validator';

/**
 * A secret encrypted with AES-256-GCM under the shared ENCRYPTION_KEY of the
 * given version. The only form in which a secret may travel on the broker.
 */
export class SealedSecret {
  @IsInt()
  @Min(1)
  keyVersion!: number;

  @IsString()
  @IsBase64()
  iv!: string;

  @IsString()
  @IsBase64()
  tag!: string;

  @IsString()
  @IsBase64()
  ciphertext!: string;
}

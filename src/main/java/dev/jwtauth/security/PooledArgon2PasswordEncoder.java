package dev.jwtauth.security;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2 hashes in the format of Spring Security's {@code Argon2PasswordEncoder}
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, Base64 without padding), computed by
 * BouncyCastle with the memory blocks of every hash taken from one pool. A hash works
 * through {@code m} KiB of blocks; allocated afresh for each signin, they would make the
 * garbage collector copy and promote them while the hash runs, and then collect the whole
 * heap again and again under a stream of signins.
 */
final class PooledArgon2PasswordEncoder implements PasswordEncoder {

	private static final int SALT_LENGTH = 16;

	private static final int HASH_LENGTH = 32;

	private static final Base64.Encoder ENCODER = Base64.getEncoder().withoutPadding();

	private static final Base64.Decoder DECODER = Base64.getDecoder();

	private final int memoryKib;

	private final int iterations;

	private final Argon2BytesGenerator.BlockPool blocks;

	private final SecureRandom random = new SecureRandom();

	/**
	 * @param memoryKib memory of each new hash, in KiB
	 * @param iterations passes of each new hash over its memory
	 * @param pooledHashes how many hashes' blocks the pool keeps for reuse
	 */
	PooledArgon2PasswordEncoder(int memoryKib, int iterations, int pooledHashes) {
		this.memoryKib = memoryKib;
		this.iterations = iterations;
		this.blocks = new Argon2BytesGenerator.FixedBlockPool(memoryKib * pooledHashes);
	}

	@Override
	public String encode(CharSequence rawPassword) {
		byte[] salt = new byte[SALT_LENGTH];
		this.random.nextBytes(salt);
		Hash hash = new Hash(Argon2Parameters.ARGON2_id, this.memoryKib, this.iterations, 1, salt,
				new byte[HASH_LENGTH]);
		generate(rawPassword, hash, hash.hash());
		return hash.encoded();
	}

	@Override
	public boolean matches(CharSequence rawPassword, String encodedPassword) {
		Hash hash = Hash.parse(encodedPassword);
		if (hash == null || rawPassword == null) {
			return false;
		}
		byte[] computed = new byte[hash.hash().length];
		generate(rawPassword, hash, computed);
		return MessageDigest.isEqual(computed, hash.hash());
	}

	/** Whether the hash was made with less memory or fewer passes than new ones get. */
	@Override
	public boolean upgradeEncoding(String encodedPassword) {
		Hash hash = Hash.parse(encodedPassword);
		return hash != null && (hash.memoryKib() < this.memoryKib || hash.iterations() < this.iterations);
	}

	/**
	 * What a check against {@code encoded} costs: the memory its hash names. A hash at
	 * most as costly as new ones is always checked; a costlier one only within
	 * {@code limits}. Anything but an Argon2 hash is refused.
	 */
	HashCost cost(String encoded, LegacyHashLimits limits) {
		Hash hash = Hash.parse(encoded);
		if (hash == null) {
			return HashCost.refused(HashCost.UNUSABLE);
		}
		String kind = "argon2 type=" + hash.type() + ",m=" + hash.memoryKib() + ",t=" + hash.iterations() + ",p="
				+ hash.parallelism();
		if (hash.memoryKib() <= this.memoryKib && hash.iterations() <= this.iterations) {
			return HashCost.of(kind, hash.memoryKib());
		}
		return limits.argon2(kind, hash.memoryKib(), hash.iterations());
	}

	private void generate(CharSequence rawPassword, Hash hash, byte[] output) {
		Argon2Parameters parameters = new Argon2Parameters.Builder(hash.type())
			.withVersion(Argon2Parameters.ARGON2_VERSION_13)
			.withMemoryAsKB(hash.memoryKib())
			.withIterations(hash.iterations())
			.withParallelism(hash.parallelism())
			.withSalt(hash.salt())
			.withBlockPool(this.blocks)
			.build();
		Argon2BytesGenerator generator = new Argon2BytesGenerator();
		generator.init(parameters);
		generator.generateBytes(rawPassword.toString().toCharArray(), output);
	}

	/** The parts of an encoded hash; all are of Argon2's version 1.3 ({@code v=19}). */
	private record Hash(int type, int memoryKib, int iterations, int parallelism, byte[] salt, byte[] hash) {

		/** The most memory a stored hash may ask for: more is not one of ours. */
		private static final int MAX_MEMORY_KIB = 1024 * 1024;

		/**
		 * The parts of {@code encoded}, or {@code null} when it is not an Argon2 hash.
		 */
		static Hash parse(String encoded) {
			if (encoded == null) {
				return null;
			}
			String[] parts = encoded.split("\\$", -1);
			if (parts.length != 6 || !parts[0].isEmpty() || !parts[2].equals("v=19")) {
				return null;
			}
			int type = switch (parts[1]) {
				case "argon2id" -> Argon2Parameters.ARGON2_id;
				case "argon2i" -> Argon2Parameters.ARGON2_i;
				case "argon2d" -> Argon2Parameters.ARGON2_d;
				default -> -1;
			};
			String[] costs = parts[3].split(",", -1);
			if (type < 0 || costs.length != 3 || !costs[0].startsWith("m=") || !costs[1].startsWith("t=")
					|| !costs[2].startsWith("p=")) {
				return null;
			}
			try {
				int memoryKib = Integer.parseInt(costs[0].substring(2));
				int iterations = Integer.parseInt(costs[1].substring(2));
				int parallelism = Integer.parseInt(costs[2].substring(2));
				byte[] salt = DECODER.decode(parts[4]);
				byte[] hash = DECODER.decode(parts[5]);
				boolean plausible = parallelism >= 1 && parallelism <= 16 && memoryKib >= 8 * parallelism
						&& memoryKib <= MAX_MEMORY_KIB && iterations >= 1 && iterations <= 64 && salt.length >= 8
						&& hash.length >= 16;
				return plausible ? new Hash(type, memoryKib, iterations, parallelism, salt, hash) : null;
			}
			catch (IllegalArgumentException ex) {
				return null;
			}
		}

		String encoded() {
			return "$argon2id$v=19$m=" + this.memoryKib + ",t=" + this.iterations + ",p=" + this.parallelism + "$"
					+ ENCODER.encodeToString(this.salt) + "$" + ENCODER.encodeToString(this.hash);
		}

	}

}
